import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Labels } from '../../core/index.js';
import type { Matcher } from '../../logql/index.js';
import { createPostings } from './postings.js';

const streams: Labels[] = [
  { app: 'api', env: 'prod', host: 'a' },
  { app: 'api', env: 'dev', host: 'b' },
  { app: 'web', env: 'prod' },
  { app: 'Web2', team: 'x' },
];

test('Postings.select applies Prometheus matcher semantics', () => {
  const postings = createPostings<{ labels: Labels; n: number }>();
  streams.forEach((labels, n) => postings.add(n, labels, { labels, n }));
  const cases: { name: string; matchers: [string, Matcher['op'], string][]; want: number[] }[] = [
    { name: 'equality', matchers: [['app', '=', 'api']], want: [0, 1] },
    { name: 'two equalities', matchers: [['app', '=', 'api'], ['env', '=', 'prod']], want: [0] },
    { name: 'unknown value', matchers: [['app', '=', 'nope']], want: [] },
    { name: 'not equal includes missing label', matchers: [['env', '!=', 'prod']], want: [1, 3] },
    { name: 'regex is anchored', matchers: [['app', '=~', 'we']], want: [] },
    { name: 'regex alternation', matchers: [['app', '=~', 'api|web']], want: [0, 1, 2] },
    { name: 'case-insensitive flag', matchers: [['app', '=~', '(?i)web.*']], want: [2, 3] },
    { name: 'negative regex', matchers: [['app', '!~', 'a.*']], want: [2, 3] },
    { name: 'empty equality matches missing label', matchers: [['team', '=', '']], want: [0, 1, 2] },
    { name: 'regex matching empty matches missing label', matchers: [['host', '=~', 'a|']], want: [0, 2, 3] },
  ];
  for (const c of cases) {
    const got = postings.select({ kind: 'StreamSelector', matchers: c.matchers.map(([name, op, value]) => ({ name, op, value })) }).map((s) => s.n).sort();
    assert.deepEqual(got, c.want, c.name);
  }
  postings.remove(2, streams[2] as Labels);
  assert.deepEqual(postings.values('app').sort(), ['Web2', 'api']);
  assert.deepEqual(postings.names().sort(), ['app', 'env', 'host', 'team']);
});
