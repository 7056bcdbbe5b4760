// The acceptance interface of `watchpost sql`, run as users run it: the built
// CLI in a child process (npm test builds dist/ first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/watchpost.js', import.meta.url));

function watchpost(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('watchpost sql --json prints a JSON array of string values', () => {
  const r = watchpost(['sql', '--json', 'select 1 as one, null as empty, 2.5 as half']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '[\n  {"empty":"","half":"2.5","one":"1"}\n]\n');
});

test('watchpost sql --json finds this test process in processes', () => {
  const r = watchpost(['sql', '--json', `select pid, parent from processes where pid = ${process.pid}`]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ pid: String(process.pid), parent: String(process.ppid) }]);
});

test('watchpost sql runs a meta-command one-shot', () => {
  const r = watchpost(['sql', '.schema processes']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^CREATE TABLE processes\(`pid` BIGINT, `name` TEXT, .*, PRIMARY KEY \(`pid`\)\) WITHOUT ROWID;\n$/);
});

test('watchpost sql ".schema last" prints the CREATE TABLE statement', () => {
  const r = watchpost(['sql', '.schema last']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    'CREATE TABLE last(`username` TEXT, `tty` TEXT, `pid` INTEGER, `type` INTEGER, `type_name` TEXT, `time` INTEGER, `host` TEXT);\n',
  );
});

test('watchpost sql -L lists tables as osqueryi does', () => {
  const r = watchpost(['sql', '-L']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ {2}=> processes$/m);
});

const failures = [
  { name: 'a syntax error', sql: 'selec 1', stderr: 'Error: near "selec": syntax error\n' },
  { name: 'an unknown table', sql: 'select * from foo', stderr: 'Error: no such table: foo\n' },
  { name: 'ATTACH', sql: "attach '/tmp/wp-cli-attach.db' as x", stderr: 'Error: ATTACH is not allowed: Watchpost SQL is read-only\n' },
  { name: 'an unknown meta-command', sql: '.frobnicate', stderr: 'Error: unknown command or invalid arguments:  "frobnicate". Enter ".help" for help\n' },
];

for (const f of failures) {
  test(`watchpost sql exits non-zero with the error on stderr for ${f.name}`, () => {
    const r = watchpost(['sql', f.sql]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, f.stderr);
  });
}

test('watchpost sql rejects an unknown flag with a usage error', () => {
  const r = watchpost(['sql', '--frob', 'select 1']);
  assert.equal(r.status, 64);
  assert.match(r.stderr, /^error\[ERR_CLI_USAGE\]: Unknown option '--frob'/);
});

test('watchpost sql reads multi-line statements and meta-commands from stdin', () => {
  const r = watchpost(['sql'], '.mode line\nselect 1 as a,\n  2 as b;\n.mode csv\nselect 3 as c;\n.exit\nselect 4;\n');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '    a = 1\n    b = 2\nc\n3\n');
});

test('watchpost sql keeps going after a failed statement on stdin and exits 1', () => {
  const r = watchpost(['sql', '--list'], 'select * from nope;\nselect 5 as five;\n');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'five\n5\n');
  assert.equal(r.stderr, 'Error: no such table: nope\n');
});
