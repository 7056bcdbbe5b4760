import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listNamespaceViews, parseMountNamespaceId } from './namespace-view.js';
import { createQueryContext } from '../../sql/query-context.js';
import { defaultSystemPaths, type Constraint } from '../table.js';

function contextWith(constraints: Record<string, Constraint[]>): ReturnType<typeof createQueryContext> {
  return createQueryContext({
    table: 'os_version', paths: defaultSystemPaths, constraints: new Map(Object.entries(constraints)), usedColumns: new Set(),
    deadlineMs: Date.now() + 10_000, timeoutMs: 10_000, warn: () => {},
  });
}

test('parseMountNamespaceId takes the number between the brackets', () => {
  assert.equal(parseMountNamespaceId('mnt:[4026531840]'), '4026531840');
  assert.equal(parseMountNamespaceId('mnt:[]'), undefined);
  assert.equal(parseMountNamespaceId(''), undefined);
});

test('listNamespaceViews gives the host view without a pid_with_namespace constraint', () => {
  const views = listNamespaceViews(contextWith({}));
  assert.equal(views.length, 1);
  assert.deepEqual([views[0]?.pid, views[0]?.mountNamespaceId, views[0]?.path('/etc/passwd')], [0, '', '/etc/passwd']);
});

test('listNamespaceViews reads through /proc/<pid>/root and skips pids it cannot read', () => {
  const views = listNamespaceViews(contextWith({
    pid_with_namespace: [{ op: '=', value: process.pid }, { op: '=', value: 999_999_999 }, { op: '=', value: 'x' }],
  }));
  assert.equal(views.length, 1);
  assert.equal(views[0]?.pid, process.pid);
  assert.match(views[0]?.mountNamespaceId ?? '', /^\d+$/);
  assert.equal(views[0]?.path('/etc/passwd'), `/proc/${process.pid}/root/etc/passwd`);
});

test('listNamespaceViews gives no view for a pid_with_namespace constraint without = values', () => {
  assert.deepEqual(listNamespaceViews(contextWith({ pid_with_namespace: [{ op: '>', value: 1 }] })), []);
});
