import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalPath, listDirectories, listDirectoriesRecursive, resolvePattern } from './file-pattern.js';
import { createHostView, parseMountNamespaceId } from './host-view.js';
import type { QueryContext } from '../table.js';

/** A temp tree used as paths.root; the view maps its logical paths onto it. */
function createTree(t: { after: (fn: () => void) => void }) {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-glob-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const dir of ['usr/lib/python3.11/site-packages/a.dist-info', 'usr/lib/python3/dist-packages/.hidden/x.dist-info', 'usr/lib/python3/dist-packages/pkg/sub', 'opt/real/lib']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  writeFileSync(join(root, 'usr/lib/python3/dist-packages/file.egg-info'), '');
  symlinkSync('real', join(root, 'opt/link'));
  symlinkSync('..', join(root, 'usr/lib/python3/dist-packages/pkg/sub/loop'));
  const ctx = { hostPath: (p: string) => join(root, p) } as unknown as QueryContext;
  return createHostView(ctx);
}

test('resolvePattern expands % like glob(3) with GLOB_MARK, in byte order', (t) => {
  const view = createTree(t);
  assert.deepEqual(resolvePattern(view, '/usr/lib/python%'), ['/usr/lib/python3.11/', '/usr/lib/python3/']);
  assert.deepEqual(resolvePattern(view, '/usr/lib/python%/dist-packages'), ['/usr/lib/python3/dist-packages/']);
  assert.deepEqual(resolvePattern(view, '/usr/lib/python3/dist-packages/%', 'files'), ['/usr/lib/python3/dist-packages/file.egg-info']);
  assert.deepEqual(resolvePattern(view, '/usr/lib/python3/dist-packages/%', 'folders'), ['/usr/lib/python3/dist-packages/pkg/'], 'dot entries need a dot in the pattern');
  assert.deepEqual(resolvePattern(view, '/usr/lib/python3/dist-packages/.h%'), ['/usr/lib/python3/dist-packages/.hidden/']);
  // as in osquery, canonicalising the prefix `…/.` drops the dot, and with it the dot entries
  assert.deepEqual(resolvePattern(view, '/usr/lib/python3/dist-packages/.%'), resolvePattern(view, '/usr/lib/python3/dist-packages/%'));
  assert.deepEqual(resolvePattern(view, '/no/such/%'), []);
});

test('resolvePattern canonicalises the literal prefix, so a symlinked directory reads as its target', (t) => {
  const view = createTree(t);
  assert.deepEqual(resolvePattern(view, '/opt/link/%'), ['/opt/real/lib/']);
  assert.equal(canonicalPath(view, '/opt/link/lib'), '/opt/real/lib');
  assert.equal(canonicalPath(view, '/opt/missing'), '/opt/missing');
});

test('listDirectories lists visible subdirectories without a trailing slash', (t) => {
  const view = createTree(t);
  assert.deepEqual(listDirectories(view, '/usr/lib/python3/dist-packages/'), ['/usr/lib/python3/dist-packages/pkg']);
  assert.deepEqual(listDirectories(view, '/usr/lib/python3/dist-packages/file.egg-info'), []);
});

test('listDirectoriesRecursive includes deeper dot directories and enters a symlink loop once', (t) => {
  const view = createTree(t);
  assert.deepEqual(listDirectoriesRecursive(view, '/usr/lib/python3/dist-packages'), [
    '/usr/lib/python3/dist-packages/pkg',
    '/usr/lib/python3/dist-packages/pkg/sub',
    '/usr/lib/python3/dist-packages/pkg/sub/loop',
  ]);
});

test('parseMountNamespaceId reads the id between brackets', () => {
  assert.equal(parseMountNamespaceId('mnt:[4026531840]'), '4026531840');
  assert.equal(parseMountNamespaceId('mnt:[]'), undefined);
  assert.equal(parseMountNamespaceId(''), undefined);
});
