import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendPath, getBoostFilename, getBoostParentPath } from './path-names.js';

const cases: Array<{ path: string; filename: string; parent: string }> = [
  { path: '/etc/passwd', filename: 'passwd', parent: '/etc' },
  { path: '/etc/ssh/', filename: '.', parent: '/etc/ssh' },
  { path: '/etc/ssh//', filename: '.', parent: '/etc/ssh' },
  { path: '/etc//passwd', filename: 'passwd', parent: '/etc' },
  { path: '/etc', filename: 'etc', parent: '/' },
  { path: '/', filename: '/', parent: '' },
  { path: 'relative', filename: 'relative', parent: '' },
  { path: 'a/b', filename: 'b', parent: 'a' },
  { path: '', filename: '', parent: '' },
];

for (const c of cases) {
  test(`getBoostFilename/getBoostParentPath split ${JSON.stringify(c.path)} as boost v3 does`, () => {
    assert.equal(getBoostFilename(c.path), c.filename);
    assert.equal(getBoostParentPath(c.path), c.parent);
  });
}

test('appendPath adds a separator only when needed', () => {
  assert.equal(appendPath('/etc', 'passwd'), '/etc/passwd');
  assert.equal(appendPath('/etc/', 'passwd'), '/etc/passwd');
  assert.equal(appendPath('/', 'etc'), '/etc');
  assert.equal(appendPath('', 'etc'), 'etc');
});
