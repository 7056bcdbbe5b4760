import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerFlags } from './server.js';

test('parseServerFlags reads Watchpost and Loki spellings', () => {
  assert.deepEqual(parseServerFlags(['--http-listen-address', '127.0.0.2', '--http-listen-port=3101', '--data-dir', '/d', '--config', 'c.yaml']), {
    address: '127.0.0.2',
    port: 3101,
    dataDir: '/d',
    config: 'c.yaml',
  });
  assert.deepEqual(parseServerFlags(['-server.http-listen-port=3102', '-config.file=/etc/loki.yaml', '-auth.enabled', '-log.level=debug']), {
    port: 3102,
    config: '/etc/loki.yaml',
    authEnabled: true,
    logLevel: 'debug',
  });
  assert.deepEqual(parseServerFlags(['--auth-enabled=false']), { authEnabled: false });
});

const usage: { argv: string[]; message: RegExp }[] = [
  { argv: ['--bogus'], message: /^unknown flag "--bogus"/ },
  { argv: ['serve'], message: /^unexpected argument "serve"/ },
  { argv: ['--http-listen-port', '70000'], message: /^invalid port "70000"/ },
  { argv: ['--data-dir'], message: /^flag "data-dir" needs a value/ },
  { argv: ['--log-level', 'loud'], message: /^invalid log level "loud"/ },
  { argv: ['--auth-enabled=maybe'], message: /^flag "auth-enabled" takes true or false/ },
];

for (const u of usage) {
  test(`parseServerFlags refuses ${u.argv.join(' ')} as a usage error`, () => {
    assert.throws(() => parseServerFlags(u.argv), (err: unknown) => {
      assert.equal((err as { code?: string }).code, 'ERR_CLI_USAGE');
      assert.match((err as Error).message, u.message);
      return true;
    });
  });
}
