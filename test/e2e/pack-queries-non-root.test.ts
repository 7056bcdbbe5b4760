// A query that needs root, run without it, works with what it can read and
// warns once: every Linux pack query, fed to one `watchpost sql` started as
// an unprivileged user (nobody), must not fail (but for the table osquery no
// longer has), and each table that needs root says so once for the whole
// run, however many queries read it. The built CLI is copied to a temporary
// folder first, since the checkout may sit where nobody cannot read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackQueries } from '../support/pack-queries.js';

const nobody = 65534;
const checkout = fileURLToPath(new URL('../../', import.meta.url));

function copyCliForEveryone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wp-nobody-'));
  // The bundle and its chunks (one per command).
  for (const name of readdirSync(join(checkout, 'dist')).filter((n) => n.endsWith('.mjs'))) cpSync(join(checkout, 'dist', name), join(dir, name));
  cpSync(join(checkout, 'dist/osquery-tables.json'), join(dir, 'osquery-tables.json'));
  cpSync(join(checkout, 'node_modules/wa-sqlite'), join(dir, 'node_modules/wa-sqlite'), { recursive: true });
  writeFileSync(join(dir, 'main.mjs'), "import { main } from './watchpost.mjs';\nprocess.exit(await main(process.argv.slice(2)));\n");
  chmodSync(dir, 0o755);
  return dir;
}

test('every Linux pack query runs as an unprivileged user, warning once per table that needs root', (t) => {
  if (process.geteuid?.() !== 0) {
    if (process.env.CI) assert.fail('this test switches to an unprivileged user and must run as root in CI');
    t.skip('needs root to switch to an unprivileged user');
    return;
  }
  const dir = copyCliForEveryone();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const queries = loadPackQueries();
  const r = spawnSync(process.execPath, [join(dir, 'main.mjs'), 'sql', '--list'], {
    cwd: dir,
    uid: nobody,
    gid: nobody,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    input: queries.map((q) => q.sql).join('\n') + '\n',
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  const stderr = r.stderr.split('\n').filter(Boolean);
  const errors = stderr.filter((l) => l.startsWith('Error: '));
  const expected = queries.flatMap((q) => q.unknownTables.map((name) => `Error: no such table: ${name}`));
  assert.deepEqual(errors, expected, r.stderr);
  assert.equal(r.status, expected.length > 0 ? 1 : 0);
  const rootWarnings = stderr.filter((l) => l.includes('needs root for complete results'));
  assert.ok(rootWarnings.length > 0, 'some pack tables need root');
  assert.equal(new Set(rootWarnings).size, rootWarnings.length, 'each table warns once for the whole run');
  for (const w of rootWarnings) {
    assert.match(w, new RegExp(`^W Table \\w+ needs root for complete results: running as uid ${nobody}, it returns what this user can read$`));
  }
});
