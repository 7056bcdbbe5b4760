import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeRow } from './differential.js';
import { createStateStore } from './state-store.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

test('createStateStore() keeps query state across instances, rows stored as JSON objects and read back as the same text', () => {
  const dir = tempDir('wp-state-');
  const rows = [serializeRow({ b: 'tab\there', a: 'é "q"' }), serializeRow({ a: '\u0001' })];
  createStateStore(dir).put('pack_ssh_last', { epoch: 2, counter: 5, rows, sql: 'SELECT 1;' });
  const again = createStateStore(dir);
  assert.deepEqual(again.get('pack_ssh_last'), { epoch: 2, counter: 5, rows, sql: 'SELECT 1;' });
  assert.equal(again.get('other'), undefined);
  const [file] = readdirSync(join(dir, 'queries'));
  const stored = JSON.parse(readFileSync(join(dir, 'queries', file ?? ''), 'utf8'));
  assert.deepEqual(stored.rows[0], { a: 'é "q"', b: 'tab\there' });
  assert.deepEqual(readdirSync(join(dir, 'queries')).filter((f) => f.includes('.tmp-')), [], 'no temp file left behind');
});

test('createStateStore() treats a damaged file as no state, and keeps settings and the executing bit', () => {
  const dir = tempDir('wp-state-');
  const store = createStateStore(dir);
  store.put('q', { epoch: 0, counter: 0, rows: [] });
  const [file] = readdirSync(join(dir, 'queries'));
  writeFileSync(join(dir, 'queries', file ?? ''), '{"name":"q","rows":[');
  assert.equal(createStateStore(dir).get('q'), undefined);
  store.putSettings({ splay: { q: { intervalS: 60, splayedS: 57 } }, denylist: { bad: 1 } });
  store.setExecuting('q');
  const reread = createStateStore(dir);
  assert.deepEqual(reread.settings(), { splay: { q: { intervalS: 60, splayedS: 57 } }, denylist: { bad: 1 } });
  assert.equal(reread.readExecuting(), 'q');
});
