import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueryContext } from '../../sql/query-context.js';
import { defaultSystemPaths, type Constraint } from '../table.js';
import { parsePasswdHomes, selectContextUsers, warnUnlessUserConstrained } from './context-users.js';
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

test('parsePasswdHomes skips comments, blank lines, NIS entries, short lines and non-numeric ids', () => {
  assert.deepEqual(parsePasswdHomes('root:x:0:0:root:/root:/bin/bash\n# c\n\n+nis::0:0:::\nbad:x:a:1::/h:/s\nshort:x:5:5\nu:x:1000:1000::/home/u:/bin/sh\n'), [
    { uid: 0, directory: '/root' },
    { uid: 1000, directory: '/home/u' },
  ]);
});

test('selectContextUsers returns each uid = N from the root\'s /etc/passwd', () => {
  const ctx = createContext({ uid: [{ op: '=', value: 1000 }, { op: '=', value: '0' }, { op: '=', value: 'x' }] });
  assert.deepEqual(selectContextUsers(ctx, createHostView(ctx)), [
    { uid: 1000, directory: '/home/alice' },
    { uid: 0, directory: '/root' },
  ]);
});

test('selectContextUsers without a uid = N returns the calling user', () => {
  const ctx = createContext({});
  const self = process.getuid?.() ?? 0;
  assert.deepEqual(selectContextUsers(ctx, createHostView(ctx)).map((u) => u.uid), self === 0 || self === 1000 ? [self] : []);
});

test('warnUnlessUserConstrained is quiet when uid or username is constrained by any operator', () => {
  const warnings: string[] = [];
  warnUnlessUserConstrained(createContext({ uid: [{ op: '>', value: 0 }] }, warnings));
  warnUnlessUserConstrained(createContext({ username: [{ op: '=', value: 'alice' }] }, warnings));
  assert.deepEqual(warnings, []);
  warnUnlessUserConstrained(createContext({}, warnings));
  assert.deepEqual(warnings, ['The firefox_addons table returns data based on the current user by default, consider JOINing against the users table']);
});
