import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePushRequestJson, decodePushRequestProto } from '../testing/push-decode.js';
import { Batch } from './batch.js';
import { encodePushRequestJson, encodePushRequestProto, type PushStream } from './push-encode.js';

const streams: PushStream[] = [
  {
    key: '{job="a"}',
    labels: { job: 'a' },
    entries: [
      { tsNs: 1_700_000_000_123_456_789n, line: 'hello' },
      { tsNs: 1_700_000_001_000_000_000n, line: 'wörld ✓ \u{1f600}' },
      { tsNs: 5n, line: '' },
      { tsNs: 5n, line: 'same time' },
      { tsNs: -1n, line: 'before 1970' },
      { tsNs: -1n, line: 'again' },
      { tsNs: -2_500_000_000n, line: 'seconds before 1970' },
      { tsNs: 1_700_000_001_000_000_000n, line: 'an earlier time again' },
    ],
  },
  { key: '{job="b", x="y\\"z"}', labels: { job: 'b', x: 'y"z' }, entries: [{ tsNs: 0n, line: 'm', metadata: { trace_id: 'abc' } }] },
];

test('encodePushRequestProto() round-trips through a protobuf decoder', () => {
  const decoded = decodePushRequestProto(encodePushRequestProto(streams));
  assert.deepEqual(decoded, streams.map((s) => ({ labels: s.key, entries: s.entries.map((e) => ({ ...e })) })));
});

test('encodePushRequestProto() writes the wire bytes of a one-entry request', () => {
  const bytes = encodePushRequestProto([{ key: '{a="b"}', labels: { a: 'b' }, entries: [{ tsNs: 1_000_000_001n, line: 'x' }] }]);
  // streams(1) { labels(1) "{a=\"b\"}", entries(2) { timestamp(1) { seconds(1)=1 nanos(2)=1 } line(2) "x" } }
  assert.equal(bytes.toString('hex'), '0a14' + '0a07' + Buffer.from('{a="b"}').toString('hex') + '1209' + '0a04' + '08011001' + '1201' + '78');
});

test('encodePushRequestJson() writes the v1 JSON body', () => {
  const body = encodePushRequestJson(streams).toString();
  assert.ok(body.startsWith('{"streams":[{"stream":{"job":"a"},"values":[["1700000000123456789","hello"]'));
  assert.deepEqual(decodePushRequestJson(body), decodePushRequestProto(encodePushRequestProto(streams)));
});

test('Batch (incremental ProtoStreamWriter) writes the same bytes as encodePushRequestProto', () => {
  let seq = 0;
  const batch = new Batch('', 0);
  for (const s of streams) {
    for (const e of s.entries) {
      batch.add({ labels: s.labels, key: s.key, tsNs: e.tsNs, line: e.line, metadata: e.metadata, tenant: '', seq: ++seq }, Buffer.byteLength(e.line));
    }
  }
  const expected = Buffer.from(encodePushRequestProto(streams));
  assert.equal(batch.encodeProto().toString('hex'), expected.toString('hex'));
  // Many entries: the stream buffer grows past its first size.
  const big = new Batch('', 0);
  const entries = Array.from({ length: 2000 }, (_, i) => ({ tsNs: BigInt(i) * 1_000_000_007n, line: `line ${i} ${'é'.repeat(i % 50)}` }));
  for (const e of entries) big.add({ labels: { a: 'b' }, key: '{a="b"}', ...e, tenant: '', seq: ++seq }, Buffer.byteLength(e.line));
  assert.deepEqual(decodePushRequestProto(Buffer.from(big.encodeProto())), [{ labels: '{a="b"}', entries }]);
});
