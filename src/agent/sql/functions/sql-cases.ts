import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine, type SqlEngine } from '../index.js';
import { loadSqlite, sqliteCodes as S } from '../sqlite-wasm.js';
import { registerFunctions, type FunctionOptions } from './index.js';

/** One SELECT and either its first row (values as SQLite renders them as text) or its error message. */
export interface SqlCase {
  readonly sql: string;
  readonly row?: ReadonlyArray<string | null>;
  readonly error?: string;
  /** Test name; default the SQL. */
  readonly name?: string;
}

/**
 * Runs each case through one createSqlEngine({ tables: new Map() }), as
 * `watchpost sql` would, and compares the first row or the error message.
 * Test support only.
 */
export function testSqlCases(suite: string, cases: readonly SqlCase[]): void {
  describe(suite, () => {
    let engine: SqlEngine;
    before(async () => {
      engine = await createSqlEngine({ tables: new Map() });
    });
    after(() => engine.close());
    for (const c of cases) {
      test(c.name ?? c.sql, async () => {
        if (c.error !== undefined) {
          await assert.rejects(engine.query(c.sql), (err: Error) => {
            assert.equal(err.message, c.error);
            return true;
          });
          return;
        }
        const [result] = await engine.query(c.sql);
        assert.deepEqual(result?.rows[0], c.row);
      });
    }
  });
}

/** A bare connection with only registerFunctions(…, options) applied, for options the engine does not pass. */
export async function openFunctionConnection(options: FunctionOptions): Promise<{
  query(sql: string): Promise<Array<Array<string | null>>>;
  close(): Promise<void>;
}> {
  const sqlite = await loadSqlite();
  const { api } = sqlite;
  const db = await api.open_v2(':memory:');
  registerFunctions(sqlite, db, options);
  return {
    async query(sql) {
      const rows: Array<Array<string | null>> = [];
      for await (const stmt of api.statements(db, sql)) {
        while ((await api.step(stmt)) === S.SQLITE_ROW) {
          const row: Array<string | null> = [];
          for (let i = 0; i < api.column_count(stmt); i++) {
            row.push(api.column_type(stmt, i) === S.SQLITE_NULL ? null : api.column_text(stmt, i));
          }
          rows.push(row);
        }
      }
      return rows;
    },
    close: async () => {
      await api.close(db);
    },
  };
}
