import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { compressSync } from 'snappy';
import { WatchpostError } from '../../core/index.js';
import { decodePush, parseMediaType } from './decode-push.js';
import { encodePushRequest } from './encode-protobuf.js';

const json = 'application/json';
const max = 1024 * 1024;

function decode(body: string | Buffer, contentType: string | undefined, options: { encoding?: string; legacy?: boolean } = {}) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  return decodePush(buf, { contentType, contentEncoding: options.encoding }, { legacy: options.legacy ?? false, maxBytes: max });
}

function plain(streams: ReturnType<typeof decode>): unknown {
  return streams.map((s) => ({ labels: { ...s.labels }, entries: s.entries.map((e) => ({ ...e })) }));
}

test('decodePush reads Loki v1 JSON with 2- and 3-element values', () => {
  const body = JSON.stringify({
    streams: [
      { stream: { app: 'x', empty: '' }, values: [['1700000000000000000', 'line 1'], ['1700000000000000001', 'line 2', { trace_id: 'abc' }], null] },
      { stream: { app: 'y' }, values: null },
    ],
  });
  assert.deepEqual(plain(decode(body, 'application/json; charset=utf-8')), [
    {
      labels: { app: 'x' },
      entries: [
        { tsNs: 1700000000000000000n, line: 'line 1' },
        { tsNs: 1700000000000000001n, line: 'line 2', metadata: { trace_id: 'abc' } },
      ],
    },
    { labels: { app: 'y' }, entries: [] },
  ]);
});

test('decodePush reads gzip- and deflate-encoded JSON', () => {
  const body = gzipSync(JSON.stringify({ streams: [{ stream: { a: 'b' }, values: [['1', 'l']] }] }));
  assert.deepEqual(plain(decode(body, json, { encoding: 'gzip' })), [{ labels: { a: 'b' }, entries: [{ tsNs: 1n, line: 'l' }] }]);
});

test('decodePush reads snappy protobuf with structured metadata', () => {
  const raw = encodePushRequest([
    { labels: '{app="x", env="prod"}', entries: [{ tsNs: 1700000000123456789n, line: 'hello', metadata: { trace_id: 't1' } }, { tsNs: 5n, line: '' }] },
  ]);
  const streams = decode(compressSync(raw), 'application/x-protobuf');
  assert.deepEqual(plain(streams), [
    { labels: { app: 'x', env: 'prod' }, entries: [{ tsNs: 1700000000123456789n, line: 'hello', metadata: { trace_id: 't1' } }, { tsNs: 5n, line: '' }] },
  ]);
});

test('decodePush reads gzip(snappy(protobuf)) and negative seconds', () => {
  const raw = encodePushRequest([{ labels: '{a="b"}', entries: [{ tsNs: -1_500_000_000n, line: 'old' }] }]);
  const streams = decode(gzipSync(compressSync(raw)), 'application/x-protobuf', { encoding: 'gzip' });
  assert.equal(streams[0]?.entries[0]?.tsNs, -1_500_000_000n);
});

test('decodePush reads the legacy /api/prom/push JSON', () => {
  const body = JSON.stringify({ streams: [{ labels: '{app="x"}', entries: [{ ts: '2024-01-02T03:04:05.123456789Z', line: 'l' }] }] });
  assert.deepEqual(plain(decode(body, json, { legacy: true })), [{ labels: { app: 'x' }, entries: [{ tsNs: 1704164645123456789n, line: 'l' }] }]);
});

const failures: { name: string; body: string | Buffer; contentType?: string; encoding?: string; message: string | RegExp; code?: string }[] = [
  { name: 'no Content-Type', body: '{}', contentType: undefined, message: 'mime: no media type' },
  { name: 'an unsupported Content-Encoding', body: '{}', contentType: json, encoding: 'br', message: 'Content-Encoding "br" not supported' },
  { name: 'malformed JSON', body: '{"streams":[', contentType: json, message: /^ReadObject: / },
  { name: 'a numeric timestamp', body: '{"streams":[{"stream":{"a":"b"},"values":[[1,"x"]]}]}', contentType: json, message: /^error reading entry timestamp: ReadString: expects " or n, but found 1/ },
  { name: 'a non-integer timestamp', body: '{"streams":[{"stream":{"a":"b"},"values":[["12a","x"]]}]}', contentType: json, message: 'error reading entry timestamp: strconv.ParseInt: parsing "12a": invalid syntax' },
  { name: 'an out-of-range timestamp', body: '{"streams":[{"stream":{"a":"b"},"values":[["99999999999999999999","x"]]}]}', contentType: json, message: 'error reading entry timestamp: strconv.ParseInt: parsing "99999999999999999999": value out of range' },
  { name: 'a non-string line', body: '{"streams":[{"stream":{"a":"b"},"values":[["1",2]]}]}', contentType: json, message: /^error reading entry line/ },
  { name: 'non-string metadata', body: '{"streams":[{"stream":{"a":"b"},"values":[["1","x",{"k":1}]]}]}', contentType: json, message: /^error reading structured metadata/ },
  { name: 'a non-string label value', body: '{"streams":[{"stream":{"a":1},"values":[]}]}', contentType: json, message: /ReadString/ },
  { name: 'an invalid label name', body: '{"streams":[{"stream":{"a-b":"c"},"values":[]}]}', contentType: json, message: "couldn't parse labels: 1:3: parse error: unexpected character inside braces: '-'" },
  { name: 'bad snappy', body: Buffer.from([0x05, 0xff, 0xff, 0xff]), contentType: 'application/x-protobuf', message: 'snappy: corrupt input' },
  { name: 'a snappy length over the limit', body: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), contentType: 'application/x-protobuf', message: /request body too large/, code: 'ERR_API_BODY_TOO_LARGE' },
  { name: 'truncated protobuf', body: compressSync(Buffer.from([0x0a, 0x10, 0x0a])), contentType: 'application/x-protobuf', message: 'proto: unexpected EOF' },
  { name: 'bad protobuf labels', body: compressSync(encodePushRequest([{ labels: '{a=}', entries: [] }])), contentType: 'application/x-protobuf', message: 'couldn\'t parse labels: 1:4: parse error: unexpected "}" in label set, expected string' },
  { name: 'broken gzip', body: Buffer.from('not gzip'), contentType: json, encoding: 'gzip', message: 'gzip: invalid header' },
];

for (const f of failures) {
  test(`decodePush rejects ${f.name}`, () => {
    assert.throws(
      () => decode(f.body, f.contentType, { encoding: f.encoding }),
      (err: unknown) => {
        assert.ok(err instanceof WatchpostError, String(err));
        assert.equal(err.code, f.code ?? 'ERR_API_BAD_REQUEST');
        if (typeof f.message === 'string') assert.equal(err.message, f.message);
        else assert.match(err.message, f.message);
        return true;
      },
    );
  });
}

test('decodePush refuses a gzip bomb past the limit with 413', () => {
  const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
  assert.throws(() => decode(bomb, json, { encoding: 'gzip' }), { code: 'ERR_API_BODY_TOO_LARGE' });
});

test('parseMediaType follows Go mime.ParseMediaType', () => {
  assert.equal(parseMediaType('Application/JSON; charset=utf-8'), 'application/json');
  assert.throws(() => parseMediaType('bogus/'), { message: 'mime: expected token after slash' });
  assert.throws(() => parseMediaType('a b'), { message: 'mime: expected slash after first token' });
});
