import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine } from '../sql/index.js';

test('an event-based table answers no rows and warns that events are disabled', async () => {
  const warnings: string[] = [];
  const engine = await createSqlEngine({ onWarning: (m) => warnings.push(m) });
  try {
    const [result] = await engine.query('select * from hardware_events');
    assert.deepEqual(result?.rows, []);
    assert.ok(result?.columns.includes('action'));
    assert.deepEqual(warnings, ['Table hardware_events is event-based but events are disabled']);
  } finally {
    await engine.close();
  }
});
