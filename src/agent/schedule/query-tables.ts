/**
 * The tables a statement reads, found by scanning its identifiers (string
 * literals and comments skipped) against the known table names. A column
 * that shares a table's name gives a false positive, which only costs an
 * extra run of an event-triggered query.
 */
export function findTablesInSql(sql: string, known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const n = sql.length;
  let i = 0;
  const take = (word: string): void => {
    const w = word.toLowerCase();
    if (known.has(w)) found.add(w);
  };
  while (i < n) {
    const c = sql[i]!;
    if (c === "'") {
      i++;
      while (i < n && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const end = sql.indexOf(close, i + 1);
      take(sql.slice(i + 1, end < 0 ? n : end));
      i = end < 0 ? n : end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      take(sql.slice(i, j));
      i = j;
    } else {
      i++;
    }
  }
  return found;
}
