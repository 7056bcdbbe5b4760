// The agent as users run it (`watchpost agent`, the built CLI in a child
// process) against a real sshd on 127.0.0.1: a login reaches the results log
// through the wtmp/utmp watch although the query's interval is an hour.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireSshd, sshTestUser, startSshd } from '../support/sshd.js';
import { agentDirFlags, readLogLines, useTempDirs, waitFor } from '../../src/agent/schedule/testing/temp-agent.js';

const tempDir = useTempDirs();

/** The CLI entry; WATCHPOST_TEST_BIN points at another build (e.g. a private bundle). */
const bin = process.env.WATCHPOST_TEST_BIN ?? fileURLToPath(new URL('../../bin/watchpost.js', import.meta.url));

interface ResultLine {
  name: string;
  hostIdentifier: string;
  counter: number;
  decorations?: Record<string, string>;
  columns: Record<string, string>;
  action: string;
}

interface AgentProcess {
  readonly child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `watchpost agent <args>` in a child process, collecting stderr; killed when the test ends if still running. */
function spawnAgent(t: TestContext, args: string[]): AgentProcess {
  const child = spawn(process.execPath, [bin, 'agent', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    stderr: () => stderr,
    exited,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** An agent on `dir` (see agentDirFlags), resolved once its start-up queries have run. */
async function startAgent(t: TestContext, dir: string, extra: string[] = []): Promise<AgentProcess> {
  const agent = spawnAgent(t, [...agentDirFlags(dir), `--pidfile=${join(dir, 'agent.pid')}`, ...extra]);
  const startedBefore = readLogLines(join(dir, 'log', 'osqueryd.status.log')).filter((l) => l.includes('Startup queries finished')).length;
  await waitFor(`the agent's start-up runs (stderr: ${agent.stderr()})`, 30_000, () =>
    agent.child.exitCode !== null ? assert.fail(`agent exited ${agent.child.exitCode}: ${agent.stderr()}`) : readLogLines(join(dir, 'log', 'osqueryd.status.log')).filter((l) => l.includes('Startup queries finished')).length > startedBefore ? true : undefined,
  );
  return agent;
}

const config = {
  decorators: {
    load: ['SELECT uuid AS host_uuid FROM system_info;'],
    always: ["SELECT user AS username FROM logged_in_users WHERE user <> '' ORDER BY time LIMIT 1;"],
  },
  packs: {
    ssh: {
      queries: {
        last: { query: 'SELECT * FROM last;', interval: 3600 },
        logged_in_users: { query: 'SELECT * FROM logged_in_users;', interval: 3600 },
      },
    },
  },
};

test('agent: an ssh login is one added pack_ssh_last line (type 7) at once, its logout a type 8 row; a restart emits nothing new', { timeout: 180_000 }, async (t) => {
  if (!requireSshd(t)) return;
  const dir = tempDir('wp-agent-e2e-');
  writeFileSync(join(dir, 'osquery.conf'), JSON.stringify(config, null, 2));
  const results = join(dir, 'log', 'osqueryd.results.log');
  const sshd = await startSshd();
  t.after(() => sshd.stop());

  const agent = await startAgent(t, dir);
  const before = readLogLines(results).length;
  const session = await sshd.login({ holdSeconds: 120 });
  const loggedInAt = Date.now();
  const sessionPids = session.sessionPids.map(String);
  const isLogin = (l: ResultLine): boolean =>
    l.name === 'pack_ssh_last' && l.action === 'added' && l.columns.tty === session.tty && l.columns.type === '7' && l.columns.username === sshTestUser && sessionPids.includes(l.columns.pid ?? '');
  const login = await waitFor('the login line', 10_000, () => readLogLines(results).slice(before).map((l) => JSON.parse(l) as ResultLine).find(isLogin));
  t.diagnostic(`login → result line: ${Date.now() - loggedInAt} ms (query interval 3600 s)`);
  assert.equal(login.columns.host, '127.0.0.1');
  assert.equal(login.columns.type_name, 'user-process');
  assert.ok(login.counter >= 1, 'counter grew past the initial run');
  assert.match(login.decorations?.host_uuid ?? '', /^[0-9a-fA-F-]{36}$/);
  assert.ok(typeof login.decorations?.username === 'string' && login.decorations.username !== '', 'the username decoration is set');
  // The login row is logged once, although utmp and wtmp both changed.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(readLogLines(results).slice(before).map((l) => JSON.parse(l) as ResultLine).filter(isLogin).length, 1);

  await session.end();
  const logout = await waitFor('the logout line', 10_000, () =>
    readLogLines(results)
      .slice(before)
      .map((l) => JSON.parse(l) as ResultLine)
      .find((l) => l.name === 'pack_ssh_last' && l.action === 'added' && l.columns.tty === session.tty && l.columns.type === '8' && l.columns.pid === login.columns.pid),
  );
  assert.equal(logout.columns.type_name, 'dead-process');

  assert.equal(await agent.stop(), 0, `clean exit on SIGTERM: ${agent.stderr()}`);
  const afterStop = readLogLines(results).length;
  const key = (l: ResultLine): string => `${l.name} ${l.action} ${JSON.stringify(l.columns)}`;
  const logged = new Set(readLogLines(results).map((l) => key(JSON.parse(l) as ResultLine)));
  const again = await startAgent(t, dir);
  // Other tests may log in meanwhile (their rows are new); nothing logged before comes again.
  const repeated = readLogLines(results).slice(afterStop).filter((l) => logged.has(key(JSON.parse(l) as ResultLine)));
  assert.deepEqual(repeated, [], 'a restart re-emits nothing');
  assert.equal(await again.stop(), 0);
});

test('agent: SIGHUP with a broken config is refused with file, line and key, and the running config stays', { timeout: 60_000 }, async (t) => {
  const dir = tempDir('wp-agent-e2e-');
  const conf = join(dir, 'osquery.conf');
  writeFileSync(conf, JSON.stringify({ schedule: { one: { query: 'SELECT 1 AS v;', interval: 3600, startup_priority: 1 } } }));
  const agent = await startAgent(t, dir, ['--event_triggers=false']);
  writeFileSync(conf, '{\n  "schedule": {\n    "one": {\n      "query": "SELECT 2 AS v;",\n      "interval": "hourly"\n    }\n  }\n}\n');
  agent.child.kill('SIGHUP');
  const message = `${conf}:5: schedule.one.interval: must be a number of seconds, not "hourly"`;
  await waitFor('the refusal on stderr', 10_000, () => (agent.stderr().includes(message) ? true : undefined));
  const status = readLogLines(join(dir, 'log', 'osqueryd.status.log')).map((l) => JSON.parse(l) as { severity: number; message: string });
  assert.ok(status.some((s) => s.severity === 2 && s.message.includes(message)), 'the status log has the error');
  writeFileSync(conf, JSON.stringify({ schedule: { one: { query: 'SELECT 2 AS v;', interval: 3600, startup_priority: 1 } } }));
  agent.child.kill('SIGHUP');
  const results = join(dir, 'log', 'osqueryd.results.log');
  await waitFor('the reloaded query\'s run', 10_000, () => (readLogLines(results).some((l) => l.includes('"v":"2"')) ? true : undefined));
  assert.deepEqual(readLogLines(results).map((l) => { const r = JSON.parse(l) as ResultLine; return [r.action, r.counter, r.columns.v]; }), [
    ['added', 0, '1'],
    // New SQL under the same name: diffed against the old rows, counter reset to 0 (osquery).
    ['added', 0, '2'],
    ['removed', 0, '1'],
  ]);
  assert.equal(await agent.stop(), 0);
});

test('agent: a config error at start exits 78 naming file, line and key', { timeout: 30_000 }, async (t) => {
  const dir = tempDir('wp-agent-e2e-');
  const conf = join(dir, 'osquery.conf');
  writeFileSync(conf, '{\n# comment\n"packs": {\n  "p": {"queries": {"q": {"query": "SELECT 1;", "snapshot": "maybe"}}}\n}\n}\n');
  const agent = spawnAgent(t, [...agentDirFlags(dir), `--pidfile=${join(dir, 'pid')}`]);
  assert.equal(await agent.exited, 78);
  assert.equal(agent.stderr(), `error[ERR_CONFIG_INVALID]: ${conf}:4: packs.p.queries.q.snapshot: must be true or false, not "maybe"\n`);
});

test('agent: without --config_path it runs the built-in config (incident-response Linux queries and the ssh pack)', { timeout: 60_000 }, async (t) => {
  const dir = tempDir('wp-agent-e2e-');
  const agent = spawnAgent(t, [`--logger_path=${join(dir, 'log')}`, `--database_path=${join(dir, 'db')}`, `--pidfile=${join(dir, 'pid')}`]);
  const statusLog = join(dir, 'log', 'osqueryd.status.log');
  const started = await waitFor(`start-up (${agent.stderr()})`, 30_000, () => readLogLines(statusLog).map((l) => JSON.parse(l) as { message: string }).find((s) => s.message.startsWith('Watchpost agent')));
  // incident-response has 18 queries for Linux (posix/linux/any), the ssh pack 6.
  assert.match(started.message, /: 24 scheduled queries, 2 active packs$/);
  await waitFor('the start-up runs', 30_000, () => (readLogLines(statusLog).some((l) => l.includes('Startup queries finished')) ? true : undefined));
  const names = new Set(readLogLines(join(dir, 'log', 'osqueryd.results.log')).map((l) => (JSON.parse(l) as ResultLine).name));
  assert.ok(names.has('pack_ssh_users'), `users ran at start-up: ${[...names].join(', ')}`);
  assert.ok(![...names].some((n) => n.includes('launchd')), 'darwin queries are filtered out');
  assert.equal(await agent.stop(), 0);
});

test('agent: --config_check through a --flagfile validates and exits (0, or 78 with the error)', { timeout: 30_000 }, () => {
  const dir = tempDir('wp-agent-e2e-');
  const conf = join(dir, 'osquery.conf');
  const flagfile = join(dir, 'osquery.flags');
  writeFileSync(flagfile, `# flags\n--config_path=${conf}\n--config_check\n`);
  writeFileSync(conf, '{\n  // fine\n  "schedule": {"a": {"query": "SELECT 1;", "interval": 60}}\n}\n');
  const ok = spawnSync(process.execPath, [bin, 'agent', `--flagfile=${flagfile}`], { encoding: 'utf8' });
  assert.deepEqual([ok.status, ok.stderr], [0, '']);
  writeFileSync(conf, '{\n  "schedule": {"a": {"query": "SELECT 1;", "interval": 60},}\n}\n');
  const bad = spawnSync(process.execPath, [bin, 'agent', `--flagfile=${flagfile}`], { encoding: 'utf8' });
  assert.equal(bad.status, 78);
  assert.equal(bad.stderr, `error[ERR_CONFIG_INVALID]: ${conf}:2: invalid JSON: expected a quoted object key, found '}'\n`);
  const unknown = spawnSync(process.execPath, [bin, 'agent', '--no_such_flag=1'], { encoding: 'utf8' });
  assert.deepEqual([unknown.status, unknown.stderr], [64, "error[ERR_CLI_USAGE]: ERROR: unknown command line flag 'no_such_flag'\n"]);
});
