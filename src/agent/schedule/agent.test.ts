import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAgentArgs } from './agent-flags.js';
import { createAgent, type Agent } from './agent.js';
import { agentDirFlags, readLogLines, useTempDirs, waitFor } from './testing/temp-agent.js';

const tempDir = useTempDirs();

const wtmpFixture = readFileSync(new URL('../tables/logins/testdata/sshd-session.wtmp', import.meta.url));
const recordBytes = 384;

function lines(path: string): Array<Record<string, unknown> & { name: string; columns: Record<string, string>; action: string; counter: number }> {
  return readLogLines(path).map((l) => JSON.parse(l));
}

function setup(config: object, extraFlags: string[] = []): { dir: string; agent: Agent; wtmp: string; results: string } {
  const dir = tempDir('wp-agent-');
  const wtmp = join(dir, 'wtmp');
  writeFileSync(wtmp, '');
  writeFileSync(join(dir, 'osquery.conf'), JSON.stringify(config));
  const flags = parseAgentArgs([...agentDirFlags(dir), '--logger_stderr=false', ...extraFlags]);
  const agent = createAgent({ flags, paths: { wtmp, utmp: join(dir, 'utmp') }, triggerSources: [{ path: wtmp, tables: ['last', 'logged_in_users'] }] });
  return { dir, agent, wtmp, results: join(dir, 'log', 'osqueryd.results.log') };
}

test('agent: appending a login record to wtmp runs pack_<pack>_last at once (interval 3600), then the logout', { timeout: 30_000 }, async (t) => {
  const { agent, wtmp, results } = setup(
    {
      options: { host_identifier: 'specified', specified_identifier: 'web-1' },
      decorators: { load: ["SELECT 'U-1' AS host_uuid;"] },
      packs: { logins: { queries: { last: { query: 'SELECT * FROM last;', interval: 3600 } } } },
    },
  );
  t.after(() => agent.stop());
  await agent.start();
  await agent.idle();
  assert.deepEqual(lines(results), [], 'empty wtmp: nothing to log');
  appendFileSync(wtmp, wtmpFixture.subarray(0, recordBytes));
  await waitFor('the login line', 10_000, () => lines(results).length > 0 || undefined);
  await agent.idle();
  const [login] = lines(results);
  assert.deepEqual(
    { name: login?.name, hostIdentifier: login?.hostIdentifier, counter: login?.counter, decorations: login?.decorations, action: login?.action, type: login?.columns.type, user: login?.columns.username, host: login?.columns.host },
    { name: 'pack_logins_last', hostIdentifier: 'web-1', counter: 1, decorations: { host_uuid: 'U-1' }, action: 'added', type: '7', user: 'wpsshtest', host: '127.0.0.1' },
  );
  appendFileSync(wtmp, wtmpFixture.subarray(recordBytes));
  await waitFor('the logout line', 10_000, () => lines(results).length > 1 || undefined);
  assert.deepEqual(lines(results).map((l) => [l.counter, l.action, l.columns.type]), [[1, 'added', '7'], [2, 'added', '8']]);
});

test('agent: platform filters packs and queries, and osquery_schedule / osquery_packs report the running schedule', { timeout: 30_000 }, async (t) => {
  const { agent, results } = setup({
    schedule: {
      sched: { query: 'SELECT name, interval FROM osquery_schedule ORDER BY name;', interval: 3600, startup_priority: 1 },
      packs: { query: 'SELECT name, active FROM osquery_packs ORDER BY name;', interval: 3600, startup_priority: 2 },
    },
    packs: {
      nix: { platform: 'posix', queries: { a: { query: 'SELECT 1;', interval: 60 }, win: { query: 'SELECT 1;', platform: 'windows' } } },
      mac: { platform: 'darwin', queries: { b: { query: 'SELECT 1;' } } },
      old: { version: '99.0.0', queries: { c: { query: 'SELECT 1;' } } },
      found: { discovery: ['SELECT 1;', "SELECT pid FROM processes WHERE pid = 1 OR 1;"], queries: { d: { query: 'SELECT 1;' } } },
      absent: { discovery: ['SELECT 1;', 'SELECT 1 WHERE 0;'], queries: { e: { query: 'SELECT 1;' } } },
    },
  }, ['--event_triggers=false']);
  t.after(() => agent.stop());
  await agent.start();
  await waitFor('the start-up runs', 10_000, () => lines(results).length >= 5 || undefined);
  await agent.idle();
  const rows = (name: string): Array<Record<string, string>> => lines(results).filter((l) => l.name === name).map((l) => l.columns);
  assert.deepEqual(rows('sched'), [{ interval: '3600', name: 'pack_found_d' }, { interval: '60', name: 'pack_nix_a' }, { interval: '3600', name: 'packs' }, { interval: '3600', name: 'sched' }]);
  assert.deepEqual(rows('packs'), [{ active: '0', name: 'absent' }, { active: '1', name: 'found' }, { active: '0', name: 'mac' }, { active: '1', name: 'nix' }, { active: '0', name: 'old' }]);
});

test('agent: a restart emits nothing new, a bumped --schedule_epoch re-adds every row with counter 0', { timeout: 30_000 }, async () => {
  const config = { schedule: { one: { query: "SELECT 'a' AS v UNION ALL SELECT 'b';", interval: 3600, startup_priority: 1 } } };
  const first = setup(config);
  await first.agent.start();
  await waitFor('the first run', 10_000, () => lines(first.results).length === 2 || undefined);
  await first.agent.stop();
  const flags = (epoch: number): string[] => [...agentDirFlags(first.dir), `--schedule_epoch=${epoch}`, '--logger_stderr=false'];
  for (const [epoch, expected] of [[0, 2], [1, 4]] as const) {
    const again = createAgent({ flags: parseAgentArgs(flags(epoch)), triggerSources: [] });
    await again.start();
    await again.idle();
    await new Promise((r) => setTimeout(r, 50));
    await again.idle();
    await again.stop();
    assert.equal(lines(first.results).length, expected, `epoch ${epoch}`);
  }
  assert.deepEqual(lines(first.results).map((l) => [l.epoch, l.counter, l.columns.v]), [[0, 0, 'a'], [0, 0, 'b'], [1, 0, 'a'], [1, 0, 'b']]);
});

test('agent: a query left in the "executing" dirty bit is denylisted for a day at start-up, as osquery', { timeout: 30_000 }, async (t) => {
  const { dir, agent, results } = setup({
    schedule: {
      crashy: { query: "SELECT 'x' AS v;", interval: 3600, startup_priority: 1 },
      sched: { query: 'SELECT name, denylisted FROM osquery_schedule ORDER BY name;', interval: 3600, startup_priority: 2 },
    },
  }, ['--event_triggers=false']);
  mkdirSync(join(dir, 'db'), { recursive: true });
  writeFileSync(join(dir, 'db', 'executing'), 'crashy');
  t.after(() => agent.stop());
  await agent.start();
  await waitFor('the start-up runs', 10_000, () => lines(results).length >= 2 || undefined);
  await agent.idle();
  assert.deepEqual(lines(results).map((l) => [l.name, l.columns.name, l.columns.denylisted]), [
    ['sched', 'crashy', '1'],
    ['sched', 'sched', '0'],
  ]);
  const status = readFileSync(join(dir, 'log', 'osqueryd.status.log'), 'utf8');
  assert.match(status, /"severity":1,"filename":"config.cpp","line":\d+,"message":"Scheduled query may have failed: crashy"/);
  assert.equal(readFileSync(join(dir, 'db', 'executing'), 'utf8'), '');
});
