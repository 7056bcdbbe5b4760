// Hostile push bodies: mutated protobuf, snappy and JSON inputs (seeded PRNG)
// must either decode or throw a WatchpostError — never anything else, never hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync } from 'snappy';
import { WatchpostError } from '../../core/index.js';
import { decodePush } from './decode-push.js';
import { decodePushRequest } from './decode-protobuf.js';
import { encodePushRequest } from './encode-protobuf.js';
import { createSeededRandom } from '../../../test/support/seeded-random.js';


function mutate(buf: Buffer, r: () => number): Buffer {
  const out = Buffer.from(buf);
  const edits = 1 + Math.floor(r() * 4);
  let result = out;
  for (let i = 0; i < edits; i++) {
    const kind = r();
    const pos = Math.floor(r() * result.length);
    if (kind < 0.5) result[pos] = Math.floor(r() * 256);
    else if (kind < 0.75) result = result.subarray(0, pos);
    else result = Buffer.concat([result.subarray(0, pos), Buffer.from([Math.floor(r() * 256)]), result.subarray(pos)]);
  }
  return result;
}

function expectDecodesOrWatchpostError(fn: () => unknown, input: Buffer): void {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WatchpostError, `non-Watchpost error ${String(err)} for input ${input.toString('hex').slice(0, 200)}`);
  }
}

const seedProto = encodePushRequest([
  { labels: '{app="x", env="prod"}', entries: [{ tsNs: 1700000000123456789n, line: 'hello world', metadata: { trace_id: 't1' } }, { tsNs: 5n, line: '' }] },
  { labels: '{job="y"}', entries: [{ tsNs: 1n, line: 'z'.repeat(40) }] },
]);
const seedJson = Buffer.from(
  JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [['1700000000000000000', 'line 1'], ['1700000000000000001', 'line 2', { trace_id: 'abc' }]] }] }),
);

test('decodePushRequest survives 20,000 mutated protobuf messages', () => {
  const r = createSeededRandom(1);
  for (let i = 0; i < 20_000; i++) {
    const input = mutate(seedProto, r);
    expectDecodesOrWatchpostError(() => decodePushRequest(input), input);
  }
});

test('decodePush survives 5,000 mutated snappy bodies', () => {
  const r = createSeededRandom(2);
  const snappy = compressSync(seedProto);
  for (let i = 0; i < 5_000; i++) {
    const input = mutate(snappy, r);
    expectDecodesOrWatchpostError(() => decodePush(input, { contentType: 'application/x-protobuf', contentEncoding: undefined }, { legacy: false, maxBytes: 1 << 20 }), input);
  }
});

test('decodePush survives 20,000 mutated JSON bodies and deep nesting', () => {
  const r = createSeededRandom(3);
  for (let i = 0; i < 20_000; i++) {
    const input = mutate(seedJson, r);
    expectDecodesOrWatchpostError(() => decodePush(input, { contentType: 'application/json', contentEncoding: undefined }, { legacy: i % 2 === 1, maxBytes: 1 << 20 }), input);
  }
  const deep = Buffer.from(`{"streams":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  expectDecodesOrWatchpostError(() => decodePush(deep, { contentType: 'application/json', contentEncoding: undefined }, { legacy: false, maxBytes: 1 << 20 }), deep);
});
