import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One Linux query of osquery's own packs (../shared/osquery/packs-linux-queries.tsv). */
export interface PackQuery {
  readonly pack: string;
  readonly name: string;
  readonly sql: string;
  readonly tables: readonly string[];
  /** Tables osquery itself no longer has; the query must fail with `no such table: X`. */
  readonly unknownTables: readonly string[];
}

/** The shared reference folder beside the checkout (CI lays a copy there too). */
export const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url));

export function loadPackQueries(): PackQuery[] {
  const text = readFileSync(`${sharedDir}osquery/packs-linux-queries.tsv`, 'utf8');
  const [header, ...lines] = text.trimEnd().split('\n');
  const columns = (header ?? '').split('\t');
  const at = (name: string): number => columns.indexOf(name);
  return lines.map((line) => {
    const f = line.split('\t');
    const list = (i: number): string[] => (f[i] ?? '').split(',').filter(Boolean);
    return {
      pack: f[at('pack')] ?? '',
      name: f[at('query')] ?? '',
      sql: f[at('sql')] ?? '',
      tables: list(at('tables')),
      unknownTables: list(at('unknown_tables')),
    };
  });
}
