import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Matcher } from '../syntax/ast.js';
import { createMemoryQuerier } from './memory-querier.js';
import type { SelectLogsParams } from './querier.js';

function params(matchers: Matcher[], extra: Partial<SelectLogsParams> = {}): SelectLogsParams {
  return { tenant: 't', selector: { kind: 'StreamSelector', matchers }, startNs: 0n, endNs: 100n, direction: 'forward', ...extra };
}

async function read(querier: ReturnType<typeof createMemoryQuerier>, p: SelectLogsParams): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of querier.selectLogs(p)) out.push(`${batch.key}${batch.filtered ? ' filtered' : ''}: ${batch.entries.map((e) => `${e.tsNs}=${e.line}`).join(',')}`);
  return out;
}

const querier = createMemoryQuerier({ batchSize: 2 });
querier.push('t', { app: 'a' }, [
  { tsNs: 30n, line: 'x3' },
  { tsNs: 10n, line: 'x1' },
  { tsNs: 20n, line: 'y2' },
]);
querier.push('t', { app: 'b', env: 'dev' }, [{ tsNs: 15n, line: 'x' }]);
querier.push('other', { app: 'a' }, [{ tsNs: 10n, line: 'other tenant' }]);

const cases: readonly { name: string; params: SelectLogsParams; want: string[] }[] = [
  { name: 'sorts by time, batches, forward', params: params([{ name: 'app', op: '=', value: 'a' }]), want: ['{app="a"}: 10=x1,20=y2', '{app="a"}: 30=x3'] },
  { name: 'backward', params: params([{ name: 'app', op: '=', value: 'a' }], { direction: 'backward' }), want: ['{app="a"}: 30=x3,20=y2', '{app="a"}: 10=x1'] },
  { name: '[start, end)', params: params([{ name: 'app', op: '=', value: 'a' }], { startNs: 20n, endNs: 30n }), want: ['{app="a"}: 20=y2'] },
  {
    name: 'line filter applied and reported; limit counts filtered entries',
    params: params([{ name: 'app', op: '=', value: 'a' }], { lineFilter: (l) => l.startsWith('x'), limitPerStream: 1, direction: 'backward' }),
    want: ['{app="a"} filtered: 30=x3'],
  },
  { name: 'anchored regex matcher', params: params([{ name: 'app', op: '=~', value: 'a|b' }]), want: ['{app="a"}: 10=x1,20=y2', '{app="a"}: 30=x3', '{app="b", env="dev"}: 15=x'] },
  { name: 'missing label is empty', params: params([{ name: 'app', op: '=~', value: '.+' }, { name: 'env', op: '=', value: '' }]), want: ['{app="a"}: 10=x1,20=y2', '{app="a"}: 30=x3'] },
  { name: 'unknown tenant', params: { ...params([{ name: 'app', op: '=', value: 'a' }]), tenant: 'nobody' }, want: [] },
];

for (const c of cases) {
  test(`memory querier: ${c.name}`, async () => {
    assert.deepEqual(await read(querier, c.params), c.want);
  });
}

test('memory querier: without applying the line filter it does not stop early', async () => {
  const unfiltered = createMemoryQuerier({ applyLineFilter: false });
  unfiltered.push('t', { app: 'a' }, [
    { tsNs: 1n, line: 'no' },
    { tsNs: 2n, line: 'yes' },
  ]);
  const p = params([{ name: 'app', op: '=', value: 'a' }], { lineFilter: (l) => l === 'yes', limitPerStream: 1 });
  assert.deepEqual(await read(unfiltered, p), ['{app="a"}: 1=no,2=yes']);
});
