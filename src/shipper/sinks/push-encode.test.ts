import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePushRequestJson, decodePushRequestProto } from '../testing/push-decode.js';
import { encodePushRequestJson, encodePushRequestProto, type PushStream } from './push-encode.js';

const streams: PushStream[] = [
  {
    key: '{job="a"}',
    labels: { job: 'a' },
    entries: [
      { tsNs: 1_700_000_000_123_456_789n, line: 'hello' },
      { tsNs: 1_700_000_001_000_000_000n, line: 'wörld ✓ \u{1f600}' },
      { tsNs: 5n, line: '' },
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
