import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { parseShipperConfig } from '../config/parse-config.js';
import { createShipHarness } from '../testing/ship-harness.js';
import { Shipper } from '../topology/runtime.js';
import { createLogger } from '../../core/index.js';

test('StdinSource ships stdin lines with job="stdin" and the hostname, in a backfill', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const config = parseShipperConfig(h.config('[]'));
  const shipper = new Shipper({ config, stdin: Readable.from(['one\ntw', 'o\nthree']), once: true, logger: createLogger({ write: () => {} }) });
  const result = await shipper.runOnce();
  assert.equal(result.entriesAcked, 3);
  assert.deepEqual(h.loki.acceptedLines(), ['one', 'two', 'three']);
  assert.equal(h.loki.accepted[0]?.streams[0]?.labels, `{hostname="${hostname()}", job="stdin"}`);
});
