import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileGlob, findGlobMatches } from './glob.js';

const cases: Array<[string, string, boolean]> = [
  ['/var/log/*.log', '/var/log/syslog.log', true],
  ['/var/log/*.log', '/var/log/app/a.log', false],
  ['/var/log/**/*.log', '/var/log/a.log', true],
  ['/var/log/**/*.log', '/var/log/app/x/a.log', true],
  ['/var/log/**', '/var/log/app/x/a.txt', true],
  ['/var/log/a?.log', '/var/log/ab.log', true],
  ['/var/log/[ab].log', '/var/log/c.log', false],
  ['/var/log/[!ab].log', '/var/log/c.log', true],
  ['/var/log/{app,db}.log', '/var/log/db.log', true],
  ['/var/log/{app,db}.log', '/var/log/web.log', false],
  ['/var/log/osquery/osqueryd.results.log', '/var/log/osquery/osqueryd_results.log', false],
];
for (const [glob, path, want] of cases) {
  test(`compileGlob() ${glob} ${want ? 'matches' : 'does not match'} ${path}`, () => {
    assert.equal(compileGlob(glob).test(path), want);
  });
}

test('findGlobMatches() walks ** to any depth and returns sorted files', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'glob-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'a/b'), { recursive: true });
  for (const f of ['x.log', 'a/y.log', 'a/b/z.log', 'a/b/z.txt']) writeFileSync(join(dir, f), '');
  assert.deepEqual(findGlobMatches(`${dir}/**/*.log`), [`${dir}/a/b/z.log`, `${dir}/a/y.log`, `${dir}/x.log`]);
  assert.deepEqual(findGlobMatches(`${dir}/*.log`), [`${dir}/x.log`]);
  assert.deepEqual(findGlobMatches(`${dir}/x.log`), [`${dir}/x.log`]);
  assert.deepEqual(findGlobMatches(`${dir}/nope.log`), []);
});
