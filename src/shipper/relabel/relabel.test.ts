import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RelabelConfig } from '../config/types.js';
import { compileGoRegexp } from './go-regexp.js';
import { applyRelabelConfigs } from './relabel.js';

function rule(partial: Partial<Omit<RelabelConfig, 'regex'>> & { regex?: string }): RelabelConfig {
  return {
    sourceLabels: [],
    separator: ';',
    targetLabel: '',
    replacement: '$1',
    modulus: 0,
    action: 'replace',
    ...partial,
    regex: compileGoRegexp(partial.regex ?? '(.*)', { anchored: true }),
  };
}

const base = { __path__: '/var/log/app/a.log', job: 'app', env: 'Prod', __meta_x: 'y' };

const cases: Array<{ name: string; rules: RelabelConfig[]; want: Record<string, string> | null }> = [
  {
    name: 'replace copies a captured group into the target',
    rules: [rule({ sourceLabels: ['__path__'], regex: '/var/log/(\\w+)/.*', targetLabel: 'app' })],
    want: { ...base, app: 'app' },
  },
  {
    name: 'replace with no match leaves labels unchanged',
    rules: [rule({ sourceLabels: ['job'], regex: 'nope', targetLabel: 'x' })],
    want: base,
  },
  {
    name: 'replace with an empty result deletes the target',
    rules: [rule({ sourceLabels: ['missing'], targetLabel: 'job' })],
    want: { __path__: base.__path__, env: 'Prod', __meta_x: 'y' },
  },
  {
    name: 'replace joins sources with the separator and expands ${name}',
    rules: [rule({ sourceLabels: ['job', 'env'], regex: '(?P<j>\\w+);(\\w+)', targetLabel: 'both', replacement: '${j}-$2' })],
    want: { ...base, both: 'app-Prod' },
  },
  { name: 'keep drops a target whose value does not match', rules: [rule({ action: 'keep', sourceLabels: ['job'], regex: 'other' })], want: null },
  { name: 'keep keeps a matching target', rules: [rule({ action: 'keep', sourceLabels: ['job'], regex: 'ap+' })], want: base },
  { name: 'drop removes a matching target (regex is anchored)', rules: [rule({ action: 'drop', sourceLabels: ['job'], regex: 'app' })], want: null },
  { name: 'drop keeps a partial match', rules: [rule({ action: 'drop', sourceLabels: ['job'], regex: 'ap' })], want: base },
  {
    name: 'labelmap copies matching names',
    rules: [rule({ action: 'labelmap', regex: '__meta_(.+)' })],
    want: { ...base, x: 'y' },
  },
  {
    name: 'labeldrop removes matching names',
    rules: [rule({ action: 'labeldrop', regex: 'env|job' })],
    want: { __path__: base.__path__, __meta_x: 'y' },
  },
  { name: 'labelkeep keeps matching names', rules: [rule({ action: 'labelkeep', regex: 'job' })], want: { job: 'app' } },
  { name: 'lowercase', rules: [rule({ action: 'lowercase', sourceLabels: ['env'], targetLabel: 'env_lc' })], want: { ...base, env_lc: 'prod' } },
  { name: 'uppercase', rules: [rule({ action: 'uppercase', sourceLabels: ['job'], targetLabel: 'job' })], want: { ...base, job: 'APP' } },
  {
    // Prometheus: md5("app") last 8 bytes big-endian mod 10.
    name: 'hashmod takes md5 modulo',
    rules: [rule({ action: 'hashmod', sourceLabels: ['job'], targetLabel: 'shard', modulus: 10 })],
    want: { ...base, shard: String(BigInt('0x' + 'd2a57dc1d883fd21fb9951699df71cc7'.slice(16)) % 10n) },
  },
  { name: 'keepequal', rules: [rule({ action: 'keepequal', sourceLabels: ['job'], targetLabel: 'env' })], want: null },
  { name: 'dropequal', rules: [rule({ action: 'dropequal', sourceLabels: ['job'], targetLabel: 'env' })], want: base },
];

for (const c of cases) {
  test(`applyRelabelConfigs() ${c.name}`, () => {
    const input = { ...base };
    assert.deepEqual(applyRelabelConfigs(input, c.rules), c.want);
    assert.deepEqual(input, base, 'input not mutated');
  });
}
