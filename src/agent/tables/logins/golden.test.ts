import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastTable } from './last.js';
import { loggedInUsersTable } from './logged-in-users.js';
import { runGenerator } from '../testing/run-generator.js';
import type { TableImpl } from '../table.js';

/**
 * Golden tests: each fixture file in testdata/ read as wtmp by `last` and as
 * utmp by `logged_in_users`, against testdata/<fixture>.<table>.json.
 * UPDATE_GOLDEN=1 rewrites the expectations; review the diff.
 */
const testdata = new URL('./testdata/', import.meta.url).pathname;
const fixtures = ['mixed.utmp', 'sshd-session.wtmp'];
const tables: readonly TableImpl[] = [lastTable, loggedInUsersTable];

for (const fixture of fixtures) {
  for (const table of tables) {
    test(`${table.name} over testdata/${fixture} matches its golden rows`, () => {
      const path = join(testdata, fixture);
      const { rows, warnings } = runGenerator(table, { paths: { wtmp: path, utmp: path } });
      assert.deepEqual(warnings, []);
      const goldenPath = join(testdata, `${fixture}.${table.name}.json`);
      const actual = JSON.stringify(rows, null, 1) + '\n';
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, actual);
      assert.equal(actual, readFileSync(goldenPath, 'utf8'));
    });
  }
}
