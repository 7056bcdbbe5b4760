// A query that needs root, run without it, works with what it can read and
// warns once: every Linux pack query run as an unprivileged user (nobody),
// in a child process, must not fail, and each table that needs root says so
// once for the whole run, however many queries read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const nobody = 65534;
const root = fileURLToPath(new URL('../../', import.meta.url));

interface QueryRun {
  readonly name: string;
  readonly unknownTables: readonly string[];
  readonly error?: string;
  readonly warnings: readonly string[];
}

test('every Linux pack query runs as an unprivileged user, warning once per table that needs root', (t) => {
  if (process.geteuid?.() !== 0) {
    if (process.env.CI) assert.fail('this test switches to an unprivileged user and must run as root in CI');
    t.skip('needs root to switch to an unprivileged user');
    return;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/run-pack-queries.ts'], {
    cwd: root,
    uid: nobody,
    gid: nobody,
    env: { ...process.env, HOME: '/tmp' },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  assert.equal(r.status, 0, r.stderr);
  const runs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as QueryRun);
  assert.equal(runs.length, 113);
  for (const run of runs) {
    if (run.unknownTables.length > 0) assert.match(run.error ?? '', /^no such table: /, run.name);
    else assert.equal(run.error, undefined, `${run.name}: ${run.error}`);
  }
  const rootWarnings = runs.flatMap((run) => run.warnings.filter((w) => w.includes('needs root for complete results')));
  assert.ok(rootWarnings.length > 0, 'some pack tables need root');
  assert.equal(new Set(rootWarnings).size, rootWarnings.length, 'each table warns once for the whole run');
  for (const w of rootWarnings) assert.match(w, new RegExp(`^Table \\w+ needs root for complete results: running as uid ${nobody}, it returns what this user can read$`));
});
