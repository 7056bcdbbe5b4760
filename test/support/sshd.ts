/**
 * A real Debian OpenSSH server for end-to-end tests of the login tables.
 *
 * `startSshd()` runs /usr/sbin/sshd in the foreground on 127.0.0.1 and a free
 * port, from a private temp dir holding a generated host key, the test
 * user's authorized key and an sshd_config that admits only that user and key.
 * `UsePAM no` keeps PAM (pam_loginuid fails in containers) out of the way;
 * sshd's own loginrec code then writes the session's USER_PROCESS and
 * DEAD_PROCESS records to /var/run/utmp and /var/log/wtmp for every session
 * with a pty. Needs root (sshd, useradd) and the openssh-server and
 * openssh-client packages (scripts/install-system-deps.sh).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { findFreePort, killAndWait, listAncestorsBelow, waitForExit, waitForOutput } from './sshd-process.js';

export const sshdPath = '/usr/sbin/sshd';
export const sshTestUser = 'wpsshtest';

const readyMarker = '__watchpost_ssh_ready__';

export interface SshdAvailability {
  readonly ok: boolean;
  /** Why the live test cannot run, when ok is false. */
  readonly reason?: string;
}

/** Whether this machine can run startSshd(): root, and the sshd, ssh, ssh-keygen and useradd binaries. */
export function sshdAvailable(): SshdAvailability {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'root (it starts sshd and creates a user)' };
  const missing = [sshdPath, '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/sbin/useradd'].filter((p) => !existsSync(p));
  if (missing.length > 0) return { ok: false, reason: `${missing.join(', ')} (apt-get install openssh-server openssh-client)` };
  return { ok: true };
}

/**
 * Returns true when sshd tests can run. Otherwise fails the test under CI
 * (CI=true), where a skip would hide a broken setup, and skips it with the
 * reason elsewhere.
 */
export function requireSshd(t: TestContext): boolean {
  const availability = sshdAvailable();
  if (availability.ok) return true;
  const message = `the sshd login test needs ${availability.reason ?? 'sshd'}`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    assert.fail(`${message}; CI=true, so this fails instead of skipping (run scripts/install-system-deps.sh as root)`);
  }
  t.skip(`${message}; skipped outside CI`);
  return false;
}

export interface SshSession {
  /** The session's terminal as utmp records it, e.g. "pts/3". */
  readonly tty: string;
  /** The pid of the remote shell that runs the command. */
  readonly shellPid: number;
  /**
   * The shell and its sshd ancestors below the listener, nearest first; the
   * ut_pid sshd records (its per-connection monitor on OpenSSH 9) is one of them.
   */
  readonly sessionPids: readonly number[];
  /** Whole seconds since the epoch, taken just before connecting. */
  readonly startedAtSec: number;
  /** Ends the session by killing the ssh client, and waits until sshd has closed it (and logged the logout). */
  end(): Promise<void>;
}

export interface LoginOptions {
  /** How long the remote command (`sleep`) keeps the session open; default 120 s. */
  readonly holdSeconds?: number;
}

export interface SshdServer {
  readonly port: number;
  readonly pid: number;
  readonly user: string;
  /** Opens an `ssh -tt` session as the test user; resolves once the remote shell runs. */
  login(options?: LoginOptions): Promise<SshSession>;
  /**
   * Makes `count` password attempts with a wrong password (one connection
   * each), so sshd logs `Failed password for …`. Needs `passwordAuthentication`.
   */
  failPasswords(count: number, user?: string): Promise<void>;
  /** Ends open sessions, stops sshd and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGTERM');
});

export interface SshdOptions {
  /** Append sshd's log (its stderr, LogLevel VERBOSE) to this file, as an auth log would hold it. */
  readonly logFile?: string;
  /** Allow password attempts (they always fail: the test user has no password). */
  readonly passwordAuthentication?: boolean;
}

/** Starts sshd for the test user on 127.0.0.1 and a free port. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdServer> {
  prepareHost();
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-sshd-'));
  // sshd reads AuthorizedKeysFile as the user, so the dir must be searchable.
  chmodSync(dir, 0o711);
  try {
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'watchpost-test-host', '-f', join(dir, 'host_key')]);
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'watchpost-test-client', '-f', join(dir, 'client_key')]);
    copyFileSync(join(dir, 'client_key.pub'), join(dir, 'authorized_keys'));
    chmodSync(join(dir, 'authorized_keys'), 0o644);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await findFreePort();
      writeFileSync(join(dir, 'sshd_config'), renderConfig(dir, port, options.passwordAuthentication ?? false));
      try {
        const child = await spawnSshd(dir, options.logFile);
        return wrapServer(dir, port, child);
      } catch (err) {
        lastError = err; // most likely the port was taken in between; try another
      }
    }
    throw lastError;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function wrapServer(dir: string, port: number, child: ChildProcess): SshdServer {
  const sessions = new Set<SshSession>();
  let stopped: Promise<void> | undefined;
  return {
    port,
    pid: child.pid ?? -1,
    user: sshTestUser,
    async login(options = {}) {
      const session = await openSession(dir, port, child.pid ?? -1, options.holdSeconds ?? 120);
      sessions.add(session);
      return session;
    },
    async failPasswords(count, user = sshTestUser) {
      const askpass = join(dir, 'askpass.sh');
      writeFileSync(askpass, '#!/bin/sh\necho wrong-password\n', { mode: 0o755 });
      for (let i = 0; i < count; i++) {
        spawnSync(
          'ssh',
          [
            '-F', '/dev/null', '-p', String(port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
            '-o', 'PreferredAuthentications=password', '-o', 'PubkeyAuthentication=no', '-o', 'NumberOfPasswordPrompts=1',
            '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=10', `${user}@127.0.0.1`, 'true',
          ],
          { env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' }, stdio: 'ignore', timeout: 20_000 },
        );
      }
    },
    stop() {
      stopped ??= (async () => {
        await Promise.all([...sessions].map((s) => s.end()));
        await killAndWait(child);
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function renderConfig(dir: string, port: number, passwordAuthentication: boolean): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    // /tmp is world-writable, which StrictModes would reject for the key file's parents.
    'StrictModes no',
    'UsePAM no',
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${passwordAuthentication ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    `AllowUsers ${sshTestUser}`,
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

/** Creates what a fresh container may lack: the utmp/wtmp files, sshd's privilege separation dir, the user. */
function prepareHost(): void {
  const utmpGid = readGroupId('utmp');
  for (const path of ['/var/run/utmp', '/var/log/wtmp']) {
    if (existsSync(path)) continue;
    writeFileSync(path, '', { mode: 0o664 });
    chmodSync(path, 0o664);
    if (utmpGid !== undefined) chownSync(path, 0, utmpGid);
  }
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  ensureTestUser();
}

function ensureTestUser(): void {
  if (spawnSync('getent', ['passwd', sshTestUser]).status !== 0) {
    // '*' instead of useradd's '!': without PAM, sshd refuses accounts whose password starts with '!'.
    const created = spawnSync('useradd', ['-m', '-s', '/bin/sh', '-p', '*', '-c', 'watchpost ssh test', sshTestUser], { encoding: 'utf8' });
    // Exit status 9: another test created it meanwhile.
    if (created.status !== 0 && created.status !== 9) throw new Error(`useradd ${sshTestUser} failed: ${created.stderr}`);
  }
  const shadow = readFileSync('/etc/shadow', 'utf8').split('\n').find((l) => l.startsWith(`${sshTestUser}:`));
  if (shadow?.split(':')[1]?.startsWith('!')) run('usermod', ['-p', '*', sshTestUser]);
}

function readGroupId(name: string): number | undefined {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  const gid = Number(line?.split(':')[2]);
  return Number.isInteger(gid) ? gid : undefined;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

/** Spawns `sshd -D -e` and resolves once it listens; rejects with its log when it exits first. */
function spawnSshd(dir: string, logFile?: string): Promise<ChildProcess> {
  const child = spawn(sshdPath, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (logFile !== undefined) {
    child.stderr?.on('data', (chunk: Buffer) => {
      try {
        appendFileSync(logFile, chunk);
      } catch {
        // The test removed its temp dir while sshd was still logging its shutdown.
      }
    });
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return waitForOutput(child, /Server listening on 127\.0\.0\.1 port \d+/, 'sshd').then(() => child);
}

async function openSession(dir: string, port: number, listenerPid: number, holdSeconds: number): Promise<SshSession> {
  const startedAtSec = Math.floor(Date.now() / 1000);
  const args = [
    '-F', '/dev/null', '-tt', '-i', join(dir, 'client_key'), '-p', String(port),
    '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
    '-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=10',
    `${sshTestUser}@127.0.0.1`,
    `echo ${readyMarker} $$ $(tty); exec sleep ${holdSeconds}`,
  ];
  const client = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  liveChildren.add(client);
  client.once('exit', () => liveChildren.delete(client));
  let match: RegExpMatchArray;
  try {
    match = await waitForOutput(client, new RegExp(`${readyMarker} (\\d+) /dev/(\\S+)`), 'ssh');
  } catch (err) {
    await killAndWait(client);
    throw err;
  }
  const shellPid = Number(match[1]);
  const sessionPids = listAncestorsBelow(shellPid, listenerPid);
  let ended: Promise<void> | undefined;
  return {
    tty: match[2] ?? '',
    shellPid,
    sessionPids,
    startedAtSec,
    end() {
      ended ??= (async () => {
        await killAndWait(client);
        await waitForExit(sessionPids.at(-1) ?? shellPid, 10_000);
      })();
      return ended;
    },
  };
}

