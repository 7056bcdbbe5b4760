import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { codes, type ErrorCode } from './codes.js';
import { WatchpostError, isErrorCode } from './watchpost-error.js';
import { renderErrorsDoc } from './errors-doc.js';

for (const code of Object.keys(codes) as ErrorCode[]) {
  test(`WatchpostError ${code} maps to its registry status and exit code`, () => {
    const err = new WatchpostError(code, 'something failed', { details: { where: 'here' } });
    assert.equal(err.status, codes[code].status);
    assert.equal(err.exitCode, codes[code].exit);
    assert.ok(isErrorCode(err, code));
    assert.equal(err.name, 'WatchpostError');
    assert.deepEqual(err.details, { where: 'here' });
    assert.match(code, /^ERR_[A-Z]+(_[A-Z]+)*$/);
    assert.match(codes[code].summary, /^[a-z][^.]*[^.]$/, 'lowercase, no final period');
  });
}

test('WatchpostError keeps instanceof across copies of the class', () => {
  const foreign = Object.defineProperty(new Error('x'), Symbol.for('watchpost.error'), { value: true });
  assert.ok(foreign instanceof WatchpostError);
  assert.ok(!(new Error('plain') instanceof WatchpostError));
});

test('docs/errors.md is generated from the registry', () => {
  const path = new URL('../../../docs/errors.md', import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, renderErrorsDoc());
  assert.equal(readFileSync(path, 'utf8'), renderErrorsDoc());
});
