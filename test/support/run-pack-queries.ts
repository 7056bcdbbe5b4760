// Runs every Linux pack query through a fresh engine and prints one JSON line
// per query: { name, error?, warnings }. Used by the non-root pack test,
// which starts it as an unprivileged user.
import { createSqlEngine } from '../../src/agent/index.js';
import { loadPackQueries } from './pack-queries.js';

let warnings: string[] = [];
const engine = await createSqlEngine({ timeoutMs: 30_000, onWarning: (m) => warnings.push(m) });
for (const q of loadPackQueries()) {
  warnings = [];
  let error: string | undefined;
  try {
    await engine.query(q.sql);
  } catch (err) {
    error = (err as Error).message;
  }
  process.stdout.write(JSON.stringify({ name: `${q.pack}/${q.name}`, unknownTables: q.unknownTables, error, warnings }) + '\n');
}
await engine.close();
