import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTableRegistry } from './registry.js';
import { loadTableSpecs } from '../specs/index.js';
import { createSqlEngine } from '../sql/index.js';

const registry = createTableRegistry();
const specs = loadTableSpecs();

test('every registered table has an osquery Linux spec', () => {
  for (const name of registry.keys()) assert.ok(specs.has(name), name);
});

test('every registered table declares the columns and types of its spec, hidden ones hidden', async () => {
  const engine = await createSqlEngine({ tables: registry });
  try {
    for (const [name, spec] of specs) {
      if (!registry.has(name)) continue;
      const [info] = await engine.query(`pragma table_xinfo('${name}')`);
      // table_xinfo rows: cid, name, type, notnull, dflt_value, pk, hidden (1 = hidden column of a virtual table).
      const declared = (info?.rows ?? []).map((r) => ({ name: r[1], type: r[2], hidden: r[6] === '1' }));
      const expected = spec.columns.map((c) => ({ name: c.name, type: c.type, hidden: c.hidden === true }));
      assert.deepEqual(declared, expected, name);
    }
  } finally {
    await engine.close();
  }
});
