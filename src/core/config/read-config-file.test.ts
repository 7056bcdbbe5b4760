import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfigFile } from './read-config-file.js';
import { isErrorCode } from '../errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'wp-config-'));

test('readConfigFile parses a readable file', () => {
  const path = join(dir, 'ok.json');
  writeFileSync(path, '{"a": 1}');
  assert.deepEqual(readConfigFile(path, JSON.parse), { a: 1 });
});

const failures = [
  { name: 'a missing file', file: 'missing.json', content: undefined, code: 'ERR_NO_INPUT', message: /missing\.json: no such file$/ },
  { name: 'a parse error', file: 'bad.json', content: '{"a": ', code: 'ERR_CONFIG_INVALID', message: /^.*bad\.json: .*JSON/ },
] as const;

for (const f of failures) {
  test(`readConfigFile names the file for ${f.name}`, () => {
    const path = join(dir, f.file);
    if (f.content !== undefined) writeFileSync(path, f.content);
    assert.throws(() => readConfigFile(path, JSON.parse), (err: unknown) => isErrorCode(err, f.code) && f.message.test((err as Error).message));
  });
}
