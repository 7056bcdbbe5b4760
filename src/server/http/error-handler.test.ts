import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatchpostError } from '../../core/index.js';
import { describeError, toHttpStatus } from './error-handler.js';

const cases: { name: string; err: unknown; status: number }[] = [
  { name: 'a parse error', err: new WatchpostError('ERR_LOGQL_PARSE', 'parse error : x'), status: 400 },
  { name: 'a rate limit', err: new WatchpostError('ERR_INGEST_RATE_LIMITED', 'x'), status: 429 },
  { name: 'a timeout', err: new WatchpostError('ERR_QUERY_TIMEOUT', 'x'), status: 504 },
  { name: 'an unwritable store', err: new WatchpostError('ERR_STORE_WRITE', 'x'), status: 500 },
  { name: 'a 422 override (httpStatus)', err: new WatchpostError('ERR_INGEST_INVALID', 'x', { details: { httpStatus: 422 } }), status: 422 },
  { name: 'a 422 override (status, as the store writes it)', err: new WatchpostError('ERR_INGEST_INVALID', 'x', { details: { status: 422 } }), status: 422 },
  { name: 'an override outside the allowed set', err: new WatchpostError('ERR_INGEST_INVALID', 'x', { details: { httpStatus: 200 } }), status: 400 },
  { name: 'an unknown error', err: new TypeError('boom'), status: 500 },
];

for (const c of cases) {
  test(`toHttpStatus maps ${c.name} to ${c.status}`, () => {
    assert.equal(toHttpStatus(c.err), c.status);
  });
}

test('describeError never exposes an unknown error\'s message', () => {
  assert.deepEqual(describeError(new Error('secret path /etc/shadow')), { status: 500, code: 'ERR_INTERNAL', message: 'internal server error' });
});
