/**
 * The read-only policy of agent SQL, as an SQLite authorizer: reading tables,
 * calling functions and recursive CTEs are allowed; every write, ATTACH,
 * DETACH, schema change, transaction and any PRAGMA not on the read-only
 * list is denied and names what was refused.
 */
const allowedActions = new Set([20 /* READ */, 21 /* SELECT */, 31 /* FUNCTION */, 33 /* RECURSIVE */]);

const actionNames: Record<number, string> = {
  1: 'CREATE INDEX', 2: 'CREATE TABLE', 3: 'CREATE INDEX', 4: 'CREATE TABLE', 5: 'CREATE TRIGGER', 6: 'CREATE VIEW',
  7: 'CREATE TRIGGER', 8: 'CREATE VIEW', 9: 'DELETE', 10: 'DROP INDEX', 11: 'DROP TABLE', 12: 'DROP INDEX',
  13: 'DROP TABLE', 14: 'DROP TRIGGER', 15: 'DROP VIEW', 16: 'DROP TRIGGER', 17: 'DROP VIEW', 18: 'INSERT',
  19: 'PRAGMA', 22: 'a transaction', 23: 'UPDATE', 24: 'ATTACH', 25: 'DETACH', 26: 'ALTER TABLE', 27: 'REINDEX',
  28: 'ANALYZE', 29: 'CREATE VIRTUAL TABLE', 30: 'DROP VIRTUAL TABLE', 32: 'SAVEPOINT',
};

const readOnlyPragmas = new Set([
  'table_info', 'table_xinfo', 'table_list', 'function_list', 'module_list', 'collation_list',
  'compile_options', 'index_list', 'index_info', 'index_xinfo', 'database_list', 'foreign_key_list',
]);

const deniedFunctions = new Set(['load_extension', 'readfile', 'writefile', 'edit', 'fts3_tokenizer']);

export interface AuthorizerState {
  /** What the last denial refused, for the error message; cleared by the engine. */
  denied: string | undefined;
}

/** An authorizer callback for wa-sqlite's set_authorizer: returns SQLITE_OK (0) or SQLITE_DENY (1). */
export function createReadOnlyAuthorizer(state: AuthorizerState) {
  return (_user: unknown, action: number, p3: string | null, p4: string | null): number => {
    if (action === 31 /* FUNCTION */) {
      if (p4 && deniedFunctions.has(p4.toLowerCase())) return deny(state, `the function ${p4}`);
      return 0;
    }
    if (allowedActions.has(action)) return 0;
    if (action === 19 /* PRAGMA */ && p3 && readOnlyPragmas.has(p3.toLowerCase())) return 0;
    // CREATE … first asks to write sqlite_master, then asks for the CREATE itself, which is
    // denied; letting the first check pass names the statement in the error. SQLite itself
    // refuses direct writes to sqlite_master.
    if (p3 && /^sqlite_(temp_)?(master|schema)$/.test(p3) && action === 18) return 0;
    const name = actionNames[action] ?? `operation ${action}`;
    return deny(state, action === 19 && p3 ? `PRAGMA ${p3}` : name);
  };
}

function deny(state: AuthorizerState, what: string): number {
  state.denied ??= what;
  return 1;
}
