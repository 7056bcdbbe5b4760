import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffResults, serializeResultRows, serializeRow, type QueryState } from './differential.js';

const r = (pid: string, name = 'sshd'): string => serializeRow({ pid, name });
const sql = 'SELECT pid, name FROM processes;';

test('diffResults() first run: every row added, counter 0, state stored', () => {
  const out = diffResults(undefined, [r('1'), r('2')], 0, sql);
  assert.deepEqual([out.added, out.removed, out.counter, out.reset], [[r('1'), r('2')], [], 0, 'new']);
  assert.deepEqual(out.next, { epoch: 0, counter: 0, rows: ['{"name":"sshd","pid":"1"}', '{"name":"sshd","pid":"2"}'], sql });
  assert.equal(r('1'), '{"name":"sshd","pid":"1"}');
});

test('diffResults() first run with no rows stores an empty set (nothing to log)', () => {
  const out = diffResults(undefined, [], 0, sql);
  assert.deepEqual([out.added, out.removed, out.counter, out.next?.rows], [[], [], 0, []]);
});

const state = (counter: number, rows: string[], over: Partial<QueryState> = {}): QueryState => ({ epoch: 0, counter, rows, sql, ...over });

const cases: Array<{ name: string; previous: QueryState; current: string[]; epoch?: number; sql?: string; added: unknown[]; removed: unknown[]; counter: number; stored: boolean; reset?: string }> = [
  { name: 'nothing changed: counter kept, nothing stored', previous: state(3, [r('1')]), current: [r('1')], added: [], removed: [], counter: 3, stored: false },
  { name: 'a new and a vanished row: counter + 1', previous: state(3, [r('1'), r('2')]), current: [r('2'), r('3')], added: [r('3')], removed: [r('1')], counter: 4, stored: true },
  { name: 'duplicates count as a multiset', previous: state(0, [r('1')]), current: [r('1'), r('1')], added: [r('1')], removed: [], counter: 1, stored: true },
  { name: 'removed rows come out in sorted (std::multiset) order', previous: state(0, [r('9'), r('10'), r('2')]), current: [], added: [], removed: [r('10'), r('2'), r('9')], counter: 1, stored: true },
  { name: 'a bumped epoch: all rows added, counter 0', previous: state(9, [r('1')]), current: [r('1')], epoch: 1, added: [r('1')], removed: [], counter: 0, stored: true, reset: 'epoch' },
  { name: 'changed SQL: rows still diffed, counter reset to 0', previous: state(5, [r('1')]), current: [r('1'), r('2')], sql: 'SELECT 1;', added: [r('2')], removed: [], counter: 0, stored: true, reset: 'sql' },
  { name: 'changed SQL, same rows: counter 0 stored, nothing to log', previous: state(5, [r('1')]), current: [r('1')], sql: 'SELECT 1;', added: [], removed: [], counter: 0, stored: true, reset: 'sql' },
  { name: 'state without SQL (older store) diffs normally', previous: { epoch: 0, counter: 2, rows: [r('1')] }, current: [r('2')], added: [r('2')], removed: [r('1')], counter: 3, stored: true },
];

for (const c of cases) {
  test(`diffResults() ${c.name}`, () => {
    const out = diffResults(c.previous, c.current, c.epoch ?? 0, c.sql ?? sql);
    assert.deepEqual(out.added, c.added);
    assert.deepEqual(out.removed, c.removed);
    assert.equal(out.counter, c.counter);
    assert.equal(out.next !== undefined, c.stored);
    if (out.next) assert.equal(out.next.counter, c.counter);
    assert.equal(out.reset, c.reset);
  });
}

test('serializeResultRows() matches serializeRow(), NULL as the null value, a repeated column keeps its last value', () => {
  const rows = serializeResultRows(['pid', 'name', 'B', 'pid'], [['1', 'sshd', null, '2'], ['3', 'x"y', 'b', null]], '');
  assert.deepEqual(rows, [serializeRow({ B: '', name: 'sshd', pid: '2' }), serializeRow({ B: 'b', name: 'x"y', pid: '' })]);
  assert.equal(rows[0], '{"B":"","name":"sshd","pid":"2"}');
});

test('serializeRow() sorts keys by bytes (uppercase before lowercase) and escapes as JSON', () => {
  assert.equal(serializeRow({ b: '1', a: 'x"y', B: '\n' }), '{"B":"\\n","a":"x\\"y","b":"1"}');
});
