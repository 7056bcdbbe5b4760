// A real OpenSSH server for bench:e2e, in plain .mjs (test/support/sshd.ts
// does the same for the tests, but its logins cannot pick a source address).
// sshd runs in the foreground on 127.0.0.1 and a free port from a temp dir
// (host key, the client's authorized key, an sshd_config admitting only the
// test user, UsePAM no) and appends its log (stderr, LogLevel VERBOSE) to
// `logFile`, as an auth log holds it. `login(sourceAddress)` opens an
// `ssh -tt` session bound to that loopback address (any 127.x.y.z works on
// Linux), so every login is seen from a distinct src_ip. Needs root and the
// openssh-server and openssh-client packages.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './bench-util.mjs';

export const sshTestUser = 'wpsshtest';
const readyMarker = '__watchpost_bench_ready__';

export function sshdAvailable() {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'root (it starts sshd and creates a user)' };
  const missing = ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/sbin/useradd'].filter((p) => !existsSync(p));
  return missing.length ? { ok: false, reason: `${missing.join(', ')} (apt-get install openssh-server openssh-client)` } : { ok: true };
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

function prepareHost() {
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  if (spawnSync('getent', ['passwd', sshTestUser]).status !== 0) {
    // '*' rather than '!': without PAM, sshd refuses accounts whose password starts with '!'.
    const created = spawnSync('useradd', ['-m', '-s', '/bin/sh', '-p', '*', '-c', 'watchpost ssh test', sshTestUser], { encoding: 'utf8' });
    if (created.status !== 0 && created.status !== 9) throw new Error(`useradd ${sshTestUser} failed: ${created.stderr}`);
  }
  const shadow = readFileSync('/etc/shadow', 'utf8').split('\n').find((l) => l.startsWith(`${sshTestUser}:`));
  if (shadow?.split(':')[1]?.startsWith('!')) run('usermod', ['-p', '*', sshTestUser]);
}

/** Resolves when `pattern` shows in the child's stdout+stderr; rejects on exit or after `timeoutMs`. */
function waitForOutput(child, pattern, what, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`${what} not ready after ${timeoutMs} ms: ${seen}`)), timeoutMs);
    const onData = (chunk) => {
      seen = (seen + chunk.toString('utf8')).slice(-8192);
      if (pattern.test(seen)) finish();
    };
    const onExit = (code) => finish(new Error(`${what} exited (${code}) before it was ready: ${seen}`));
    function finish(err) {
      clearTimeout(timer);
      child.off('exit', onExit);
      for (const s of [child.stdout, child.stderr]) {
        s?.off('data', onData);
        s?.resume();
      }
      if (err) reject(err);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function killAndWait(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts sshd for the test user on 127.0.0.1 and a free port, logging to `logFile`. */
export async function startSshd({ logFile }) {
  prepareHost();
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-bench-sshd-'));
  chmodSync(dir, 0o711); // sshd reads AuthorizedKeysFile as the user
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'watchpost-bench-host', '-f', join(dir, 'host_key')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'watchpost-bench-client', '-f', join(dir, 'client_key')]);
  copyFileSync(join(dir, 'client_key.pub'), join(dir, 'authorized_keys'));
  chmodSync(join(dir, 'authorized_keys'), 0o644);
  const port = await freePort();
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PubkeyAuthentication yes',
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PermitRootLogin no', `AllowUsers ${sshTestUser}`,
    'PrintMotd no', 'PrintLastLog no', 'UseDNS no', 'MaxStartups 100', 'LogLevel VERBOSE', '',
  ].join('\n'));
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  sshd.stderr.on('data', (chunk) => {
    try {
      appendFileSync(logFile, chunk);
    } catch {
      // the temp dir is gone while sshd logs its shutdown
    }
  });
  await waitForOutput(sshd, /Server listening on 127\.0\.0\.1 port \d+/, 'sshd');
  const clients = new Set();
  return {
    port,
    pid: sshd.pid,
    user: sshTestUser,
    /** Opens an `ssh -tt` session from `sourceAddress`; resolves with { end() } once the remote shell runs. */
    async login(sourceAddress, holdSeconds = 60) {
      const client = spawn('ssh', [
        '-F', '/dev/null', '-tt', '-b', sourceAddress, '-i', join(dir, 'client_key'), '-p', String(port),
        '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
        '-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=10',
        `${sshTestUser}@127.0.0.1`, `echo ${readyMarker}; exec sleep ${holdSeconds}`,
      ], { stdio: ['pipe', 'pipe', 'pipe'] });
      clients.add(client);
      client.once('exit', () => clients.delete(client));
      try {
        await waitForOutput(client, new RegExp(readyMarker), 'ssh');
      } catch (err) {
        await killAndWait(client);
        throw err;
      }
      return { end: () => killAndWait(client) };
    },
    async stop() {
      await Promise.all([...clients].map(killAndWait));
      await killAndWait(sshd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
