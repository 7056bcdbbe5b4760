import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGlobMatcher, expandBraces, hasGlobMagic } from './glob-pattern.js';

const matches: Array<{ pattern: string; name: string; match: boolean }> = [
  { pattern: '*', name: 'passwd', match: true },
  { pattern: '*', name: '.bashrc', match: false },
  { pattern: '.*', name: '.bashrc', match: true },
  { pattern: '?asswd', name: 'passwd', match: true },
  { pattern: '?bashrc', name: '.bashrc', match: false },
  { pattern: '*.conf', name: 'host.conf', match: true },
  { pattern: '*.conf', name: 'host.conf.bak', match: false },
  { pattern: '[ab]*', name: 'apt', match: true },
  { pattern: '[!ab]*', name: 'apt', match: false },
  { pattern: '[a-c]x', name: 'bx', match: true },
  { pattern: '[[:digit:]]*', name: '1abc', match: true },
  { pattern: '[]]', name: ']', match: true },
  { pattern: 'a\\*', name: 'a*', match: true },
  { pattern: 'a\\*', name: 'ab', match: false },
  { pattern: '[ab', name: '[ab', match: true },
  { pattern: 'x.y', name: 'xzy', match: false },
  { pattern: 'under_score', name: 'under_score', match: true },
  { pattern: 'under_score', name: 'underXscore', match: false },
];

for (const c of matches) {
  test(`createGlobMatcher ${c.pattern} ${c.match ? 'matches' : 'does not match'} ${c.name}`, () => {
    assert.equal(createGlobMatcher(c.pattern)(c.name), c.match);
  });
}

test('hasGlobMagic sees unescaped wildcards only', () => {
  assert.equal(hasGlobMagic('/etc/passwd'), false);
  assert.equal(hasGlobMagic('/etc/*'), true);
  assert.equal(hasGlobMagic('/etc/\\*'), false);
  assert.equal(hasGlobMagic('/etc/[ab]'), true);
  assert.equal(hasGlobMagic('/etc/[ab'), false);
});

test('expandBraces expands alternatives left to right, nested ones too', () => {
  assert.deepEqual(expandBraces('/etc/{passwd,group}'), ['/etc/passwd', '/etc/group']);
  assert.deepEqual(expandBraces('{a,b}{1,2}'), ['a1', 'a2', 'b1', 'b2']);
  assert.deepEqual(expandBraces('x{a,{b,c}}'), ['xa', 'xb', 'xc']);
  assert.deepEqual(expandBraces('x{a,b'), ['x{a,b']);
  assert.deepEqual(expandBraces('x\\{a,b}'), ['x\\{a,b}']);
});
