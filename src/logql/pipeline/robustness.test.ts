import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr } from '../syntax/index.js';
import type { Expr, LogSelectorExpr, RangeAggregation } from '../syntax/ast.js';
import { compileLogPipeline } from './compile.js';
import { compileSampleExtractor } from './sample-extractor.js';

// Bad lines never throw out of a pipeline: every stage turns them into
// labels, `__error__` or a dropped line. Deterministic pseudo-random input.
function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const alphabet = ['{', '}', '[', ']', '"', '\\', ':', ',', '=', ' ', 'a', 'b', '1', '.', '-', 'u', 'n', 'l', 't', 'e', '\u001b', '\n', 'é', '😀', '<', '>', '%', '$'];

function randomLine(rand: () => number): string {
  const n = Math.floor(rand() * 40);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

const queries = [
  '{app="x"} | json | line_format "{{.a}} {{ __line__ | upper }}" | label_format b="{{ .a | default \\"d\\" }}"',
  '{app="x"} | json a="x.y[0]", b | unpack | logfmt --strict --keep-empty | drop __error__',
  '{app="x"} | logfmt a, b="c" | regexp "(?P<k>[a-z]+)=(?P<v>\\\\d*)" | pattern "<p> <_>"',
  '{app="x"} |~ "(?i)a.b" | decolorize | keep a | a > 1 or b = ip("1.2.3.0/24") or c > 1s or d > 1KB',
  '{app="x"} |> "<_>a<_>" != ip("::1") | json | line_format "{{ printf \\"%d %s\\" .a .b }}"',
];

test('pipelines never throw on arbitrary lines', () => {
  const rand = createRandom(7);
  const pipelines = queries.map((q) => compileLogPipeline(parseExpr(q) as LogSelectorExpr).forStream({ app: 'x' }));
  for (let i = 0; i < 3000; i++) {
    const line = randomLine(rand);
    for (const p of pipelines) {
      const r = p.process(BigInt(i), line, i % 3 === 0 ? { a: 'm' } : undefined);
      if (r !== undefined) assert.equal(typeof r.key, 'string');
    }
  }
});

test('sample extractors never throw on arbitrary lines', () => {
  const rand = createRandom(11);
  const e = parseExpr('max_over_time({app="x"} | logfmt | unwrap bytes(a) [1m]) by (b)') as Expr;
  const se = compileSampleExtractor(e as RangeAggregation).forStream({ app: 'x' });
  for (let i = 0; i < 3000; i++) {
    const r = se.process(0n, `a=${randomLine(rand)} b=${randomLine(rand)}`);
    if (r !== undefined) assert.equal(typeof r.value, 'number');
  }
});

test('recursive templates stop with an execution error, not a crash', () => {
  const p = compileLogPipeline(parseExpr('{app="x"} | line_format `{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}`') as LogSelectorExpr);
  const r = p.forStream({ app: 'x' }).process(0n, 'l');
  assert.equal(r?.labels.__error__, 'TemplateFormatErr');
});
