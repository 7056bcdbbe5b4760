import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuthorizedKeys } from './authorized-keys-parser.js';

const dir = join(import.meta.dirname, 'testdata/authorized-keys');

test('parseAuthorizedKeys parses the authorized_keys fixture as osquery does', () => {
  const got = parseAuthorizedKeys(readFileSync(join(dir, 'authorized_keys'), 'utf8'));
  const golden = join(dir, 'authorized_keys.json');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(got, null, 2)}\n`);
  assert.deepEqual(got, JSON.parse(readFileSync(golden, 'utf8')));
});

const cases: Array<{ name: string; line: string; want: unknown[] }> = [
  { name: 'key only, no comment or options', line: 'ssh-rsa AAAA', want: [{ algorithm: 'ssh-rsa', key: 'AAAA' }] },
  { name: 'comment keeps inner spaces', line: 'ssh-rsa AAAA  Fred @ Project FOOBAR', want: [{ algorithm: 'ssh-rsa', key: 'AAAA', comment: 'Fred @ Project FOOBAR' }] },
  { name: 'a type with nothing after it is dropped', line: 'ssh-ed25519', want: [] },
  { name: 'types are tried in osquery order: ssh-rsa inside an option wins', line: 'command="ssh-rsa x" ssh-ed25519 AAAA c', want: [{ algorithm: 'ssh-rsa', options: 'command="', key: 'x"', comment: 'ssh-ed25519 AAAA c' }] },
  { name: 'options without a key and without zos-key-ring-label are dropped', line: 'from="*.example.net",no-pty', want: [] },
  { name: 'ssh-dss is not a known type', line: 'ssh-dss AAAA c', want: [] },
  { name: 'a commented-out key is skipped', line: '#ssh-rsa AAAA c', want: [] },
];

for (const c of cases) {
  test(`parseAuthorizedKeys: ${c.name}`, () => {
    assert.deepEqual(parseAuthorizedKeys(`${c.line}\n`), c.want);
  });
}
