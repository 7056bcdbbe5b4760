import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffResults, serializeRow, type QueryState } from './differential.js';

const r = (pid: string, name = 'sshd'): Record<string, string> => ({ pid, name });

test('diffResults() first run: every row added, counter 0', () => {
  const out = diffResults(undefined, [r('1'), r('2')], 0);
  assert.deepEqual([out.added, out.removed, out.counter, out.changed, out.initial], [[r('1'), r('2')], [], 0, true, true]);
  assert.deepEqual(out.next, { epoch: 0, counter: 0, rows: ['{"name":"sshd","pid":"1"}', '{"name":"sshd","pid":"2"}'] });
});

const cases: Array<{ name: string; previous: QueryState; current: Array<Record<string, string>>; epoch: number; added: unknown[]; removed: unknown[]; counter: number }> = [
  {
    name: 'nothing changed: nothing logged, counter kept',
    previous: { epoch: 0, counter: 3, rows: [serializeRow(r('1'))] },
    current: [r('1')],
    epoch: 0,
    added: [],
    removed: [],
    counter: 3,
  },
  {
    name: 'a new and a vanished row: counter + 1',
    previous: { epoch: 0, counter: 3, rows: [serializeRow(r('1')), serializeRow(r('2'))] },
    current: [r('2'), r('3')],
    epoch: 0,
    added: [r('3')],
    removed: [r('1')],
    counter: 4,
  },
  {
    name: 'duplicates count as a multiset',
    previous: { epoch: 0, counter: 0, rows: [serializeRow(r('1'))] },
    current: [r('1'), r('1')],
    epoch: 0,
    added: [r('1')],
    removed: [],
    counter: 1,
  },
  {
    name: 'a bumped epoch resets: all rows added, counter 0',
    previous: { epoch: 0, counter: 9, rows: [serializeRow(r('1'))] },
    current: [r('1')],
    epoch: 1,
    added: [r('1')],
    removed: [],
    counter: 0,
  },
  {
    name: 'key order does not make rows differ',
    previous: { epoch: 0, counter: 0, rows: ['{"name":"sshd","pid":"1"}'] },
    current: [{ pid: '1', name: 'sshd' }],
    epoch: 0,
    added: [],
    removed: [],
    counter: 0,
  },
];

for (const c of cases) {
  test(`diffResults() ${c.name}`, () => {
    const out = diffResults(c.previous, c.current, c.epoch);
    assert.deepEqual(out.added, c.added);
    assert.deepEqual(out.removed, c.removed);
    assert.equal(out.counter, c.counter);
    assert.equal(out.next.counter, c.counter);
    assert.equal(out.next.epoch, c.epoch);
  });
}

test('serializeRow() sorts keys by bytes (uppercase before lowercase) and escapes as JSON', () => {
  assert.equal(serializeRow({ b: '1', a: 'x"y', B: '\n' }), '{"B":"\\n","a":"x\\"y","b":"1"}');
});
