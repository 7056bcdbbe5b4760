import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { listGoldenFiles, readGoldenFile } from '../testdata/golden.js';
import { WatchpostError } from '../../core/index.js';
import { formatQuery, parseExpr, printExpr } from './index.js';

/**
 * Random token sequences and mutations of the golden queries: parseExpr must
 * return or throw ERR_LOGQL_PARSE, never anything else, and never hang (no
 * timing assertion: a hang keeps the run from finishing). Seeded, so a
 * failure reproduces.
 */

function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = [
  '{', '}', '(', ')', '[5m]', '[1h30m]', '[', ']', ',', '.', '=', '!=', '=~', '!~', '|=', '|~', '|>', '!>', '|', '==', '>', '>=',
  '<', '<=', '+', '-', '*', '/', '%', '^', 'or', 'and', 'unless', 'by', 'without', 'bool', 'on', 'ignoring', 'group_left',
  'group_right', 'offset', 'json', 'logfmt', 'regexp', 'pattern', 'unpack', 'line_format', 'label_format', 'decolorize',
  'drop', 'keep', 'unwrap', 'ip', 'ip(', 'bytes(', 'duration(', 'duration_seconds(', 'rate(', 'count_over_time(',
  'sum_over_time(', 'quantile_over_time(', 'absent_over_time(', 'sum', 'sum(', 'avg by (', 'topk(', 'sort(', 'approx_topk(',
  'label_replace(', 'vector(', 'app', 'level', 'latency', '__error__', '"x"', '"(?P<a>.)"', '"<a> <_>"', '`raw`', '"\\q"', '"',
  '`', '5', '0.5', '-1', '1e3', '0x1f', '5m', '-5m', '10KB', '1.5KiB', '250ms', '--strict', '--keep-empty', '-', '#c\n', '\n',
  '/*', '*/', '//', "'a'", '@', 'é', '\u00a0', '\u0000', '\ud800',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomTokens(random: () => number): string {
  const n = 1 + Math.floor(random() * 24);
  let out = '';
  for (let i = 0; i < n; i++) out += pick(random, vocabulary) + (random() < 0.6 ? ' ' : '');
  return out;
}

function mutate(random: () => number, query: string): string {
  let q = query;
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (q.length + 1));
    const len = Math.floor(random() * 6);
    switch (Math.floor(random() * 6)) {
      case 0:
        q = q.slice(0, at) + q.slice(at + len);
        break;
      case 1:
        q = q.slice(0, at) + pick(random, vocabulary) + q.slice(at);
        break;
      case 2:
        q = q.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 95)) + q.slice(at);
        break;
      case 3:
        q = q.slice(0, at) + q.slice(at, at + len) + q.slice(at);
        break;
      case 4:
        q = q.slice(0, at);
        break;
      default: {
        const other = Math.floor(random() * (q.length + 1));
        const a = Math.min(at, other);
        const b = Math.max(at, other);
        q = q.slice(0, a) + q.slice(b) + q.slice(a, b);
      }
    }
  }
  return q;
}

function check(query: string): 'ok' | 'error' {
  try {
    const expr = parseExpr(query);
    printExpr(expr);
    formatQuery(expr);
    return 'ok';
  } catch (err) {
    if (err instanceof WatchpostError && err.code === 'ERR_LOGQL_PARSE') return 'error';
    const shown = query.length > 200 ? `${query.slice(0, 200)}… (${query.length} chars)` : query;
    assert.fail(`parseExpr(${JSON.stringify(shown)}) threw ${String((err as Error)?.stack ?? err).slice(0, 2000)}`);
  }
}

const dir = fileURLToPath(new URL('../testdata/parser/', import.meta.url));
const seeds = listGoldenFiles(dir).flatMap((path) => readGoldenFile(path).map((c) => c.input));

test('fuzz: 50,000 random token sequences parse or fail with ERR_LOGQL_PARSE', { timeout: 300_000 }, () => {
  const random = createRandom(0x10c9);
  const counts = { ok: 0, error: 0 };
  for (let i = 0; i < 50_000; i++) counts[check(randomTokens(random))]++;
  assert.ok(counts.error > 0);
});

test('fuzz: 60,000 mutations of golden queries parse or fail with ERR_LOGQL_PARSE', { timeout: 300_000 }, () => {
  const random = createRandom(0xbeef);
  const counts = { ok: 0, error: 0 };
  for (let i = 0; i < 60_000; i++) counts[check(mutate(random, pick(random, seeds)))]++;
  assert.ok(counts.ok > 0 && counts.error > 0, JSON.stringify(counts));
});

test('fuzz: deeply nested and very long inputs stay parse errors or results', { timeout: 300_000 }, () => {
  assert.equal(check(`${'('.repeat(900)}1${')'.repeat(900)}`), 'ok');
  assert.equal(check(`${'sum('.repeat(900)}rate({a="b"}[1m])${')'.repeat(900)}`), 'ok');
  assert.equal(check(`${'rate({a="b"}[1m]) + '.repeat(900)}1`), 'ok');
  assert.equal(check(`{app="x"} | logfmt | ${'a="1" or '.repeat(900)}b="2"`), 'ok');
  assert.equal(check(`{app="x"} | logfmt | ${'a="1", '.repeat(900)}b="2"`), 'ok');
  assert.equal(check(`${'('.repeat(5000)}1${')'.repeat(5000)}`), 'error');
  assert.equal(check('('.repeat(20000)), 'error');
  assert.equal(check(`${'rate({a="b"}[1m]) + '.repeat(5000)}1`), 'error');
  assert.equal(check(`{app="x"} | logfmt | ${'a="1" '.repeat(10000)}`), 'error');
  assert.equal(check(`{app="x"} | logfmt | ${'a="1" or '.repeat(10000)}b="2"`), 'error');
  assert.equal(check(`{app="x"}${' |= "a"'.repeat(10000)}`), 'ok');
  assert.equal(check(`sum ${'by '.repeat(30000)}`), 'error');
  assert.equal(check(`{app=~"${'('.repeat(2000)}${')'.repeat(2000)}a"}`), 'error');
  assert.equal(check(`{app="${'x'.repeat(131072)}"}`), 'error');
});
