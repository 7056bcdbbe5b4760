import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueryContext } from '../../sql/query-context.js';
import { defaultSystemPaths, type Constraint } from '../table.js';
import { contextUsersOf } from './context-users.js';
import { createHostView } from './host-view.js';
import { fixtureRoot } from './testdata/golden.js';

function createContext(constraints: Record<string, Constraint[]>, warnings: string[] = []) {
  return createQueryContext({
    table: 'firefox_addons',
    paths: { ...defaultSystemPaths, root: fixtureRoot },
    constraints: new Map(Object.entries(constraints)),
    usedColumns: new Set(),
    deadlineMs: Date.now() + 10_000,
    timeoutMs: 10_000,
    warn: (m) => warnings.push(m),
  });
}

test('contextUsersOf returns each uid = N from the root\'s /etc/passwd', () => {
  const ctx = createContext({ uid: [{ op: '=', value: 1000 }, { op: '=', value: '0' }, { op: '=', value: 'x' }] });
  assert.deepEqual(contextUsersOf(ctx, createHostView(ctx)), [
    { uid: 1000, directory: '/home/alice' },
    { uid: 0, directory: '/root' },
  ]);
});

test('contextUsersOf without a uid = N returns the calling user', () => {
  const ctx = createContext({});
  const self = process.getuid?.() ?? 0;
  assert.deepEqual(contextUsersOf(ctx, createHostView(ctx)).map((u) => u.uid), self === 0 || self === 1000 ? [self] : []);
});

test('contextUsersOf is quiet when uid or username is constrained by any operator', () => {
  const warnings: string[] = [];
  const quiet = (constraints: Record<string, Constraint[]>) => {
    const ctx = createContext(constraints, warnings);
    contextUsersOf(ctx, createHostView(ctx));
  };
  quiet({ uid: [{ op: '>', value: 0 }] });
  quiet({ username: [{ op: '=', value: 'alice' }] });
  assert.deepEqual(warnings, []);
  quiet({});
  assert.deepEqual(warnings, ['The firefox_addons table returns data based on the current user by default, consider JOINing against the users table']);
});
