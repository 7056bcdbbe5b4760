import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostFs } from './host-fs.js';
import type { GlobHost } from './posix-glob.js';
import { maxRecursiveGlobDepth, resolveFilePattern, type GlobLimit } from './resolve-file-pattern.js';
import { defaultSystemPaths } from '../table.js';

/**
 * The tree (made at run time so symlinks survive any checkout):
 *   a.txt  .hidden  b/{c.txt,.dot,d/e.txt}  link-to-b -> b  dangling -> missing
 *   loop/self -> .   deep/d/d/…/d (70 levels)
 */
const dir = mkdtempSync(join(tmpdir(), 'watchpost-glob-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'a.txt'), 'a');
writeFileSync(join(dir, '.hidden'), 'h');
mkdirSync(join(dir, 'b/d'), { recursive: true });
writeFileSync(join(dir, 'b/c.txt'), 'c');
writeFileSync(join(dir, 'b/.dot'), 'd');
writeFileSync(join(dir, 'b/d/e.txt'), 'e');
symlinkSync('b', join(dir, 'link-to-b'));
symlinkSync('missing', join(dir, 'dangling'));
mkdirSync(join(dir, 'loop'));
symlinkSync('.', join(dir, 'loop/self'));
mkdirSync(join(dir, 'deep', ...Array.from({ length: 70 }, () => 'd')), { recursive: true });

function hostFor(root = '/'): GlobHost {
  const paths = { ...defaultSystemPaths, root };
  return {
    fs: createHostFs({ paths, hostPath: (p) => (root === '/' ? p : join(root, p)) }),
    checkDeadline: () => {},
    homeOf: () => undefined,
  };
}

function resolve(pattern: string, limit: GlobLimit = 'all', root = '/'): string[] {
  return resolveFilePattern(pattern, hostFor(root), { limit, canonicalize: false }).map((p) => (root === '/' ? p.slice(dir.length + 1) : p)).sort();
}

const cases: Array<{ name: string; pattern: string; limit?: GlobLimit; want: string[] }> = [
  { name: '% matches one level, no dot files, directories marked', pattern: '%', want: ['a.txt', 'b/', 'dangling', 'link-to-b/', 'deep/', 'loop/'].sort() },
  {
    name: '%% walks directories recursively, dot files below the top included, a symlinked directory entered once',
    pattern: 'b%%',
    want: ['b/', 'b/.dot', 'b/c.txt', 'b/d/', 'b/d/e.txt'],
  },
  { name: '%% in the middle acts as %', pattern: '%%/c.txt', want: ['b/c.txt', 'link-to-b/c.txt'] },
  { name: '% in the middle matches through symlinked directories', pattern: '%/%.txt', want: ['b/c.txt', 'link-to-b/c.txt'] },
  {
    name: '%% does not re-enter a directory reached again through a symlink',
    pattern: '{b,link-to-b}%%',
    want: ['b/', 'b/.dot', 'b/c.txt', 'b/d/', 'b/d/e.txt', 'link-to-b/'],
  },
  { name: '%% stops at a symlink loop', pattern: 'loop%%', want: ['loop/', 'loop/self/'] },
  { name: 'a pattern starting with . matches dot files and . and ..', pattern: '.%', want: ['../', './', '.hidden'] },
  { name: 'no wildcard: the path when it exists', pattern: 'a.txt', want: ['a.txt'] },
  { name: 'no wildcard: a dangling symlink still exists for lstat', pattern: 'dangling', want: ['dangling'] },
  { name: 'no wildcard: nothing when missing', pattern: 'nope', want: [] },
  { name: '_ is not a wildcard', pattern: 'a_txt', want: [] },
  { name: 'folders limit keeps marked directories', pattern: '%', limit: 'folders', want: ['b/', 'deep/', 'link-to-b/', 'loop/'] },
  { name: 'files limit keeps the rest', pattern: '%', limit: 'files', want: ['a.txt', 'dangling'] },
  { name: 'glob brackets and braces work as in glob(3)', pattern: '{[ab]%,dangl%}', want: ['a.txt', 'b/', 'dangling'] },
];

for (const c of cases) {
  test(`resolveFilePattern: ${c.name}`, () => {
    assert.deepEqual(resolve(join(dir, c.pattern), c.limit), c.want);
  });
}

test(`resolveFilePattern stops %% after ${maxRecursiveGlobDepth} levels below the match`, () => {
  const found = resolve(join(dir, 'deep/%%'));
  // The glob match is level 1; the walk lists levels 2 … maxRecursiveGlobDepth + 1.
  assert.equal(found.length, maxRecursiveGlobDepth + 1);
  assert.equal(found.at(-1), `deep/${Array.from({ length: maxRecursiveGlobDepth + 1 }, () => 'd/').join('')}`);
});

test('resolveFilePattern maps paths through the context root and returns logical paths', () => {
  assert.deepEqual(resolve('/b/%', 'all', dir), ['/b/c.txt', '/b/d/']);
  // The first level of a %% is globbed, so its dot files are skipped; deeper levels keep them.
  assert.deepEqual(resolve('/b/%%', 'files', dir), ['/b/c.txt', '/b/d/e.txt']);
});

test('resolveFilePattern makes a relative pattern absolute against the working directory', () => {
  const found = resolveFilePattern('b/d/%', hostFor(), { limit: 'all', canonicalize: false, cwd: dir });
  assert.deepEqual(found, [join(dir, 'b/d/e.txt')]);
});

test('resolveFilePattern canonicalises the part before the wildcard when asked', () => {
  const found = resolveFilePattern(join(dir, 'link-to-b/%.txt'), hostFor(), { limit: 'all', canonicalize: true });
  assert.deepEqual(found, [join(dir, 'b/c.txt')]);
});

test('resolveFilePattern checks the deadline while walking', () => {
  const host = { ...hostFor(), checkDeadline: () => { throw new Error('deadline'); } };
  assert.throws(() => resolveFilePattern(join(dir, 'b%%'), host, { limit: 'all', canonicalize: false }), /deadline/);
});
