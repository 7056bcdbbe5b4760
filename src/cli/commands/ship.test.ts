import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isErrorCode } from '../../core/index.js';
import { parseShipArgs } from './ship.js';

const cases: Array<{ args: string[]; want: Partial<ReturnType<typeof parseShipArgs>> }> = [
  { args: ['-config.file=/etc/promtail.yaml'], want: { configFile: '/etc/promtail.yaml' } },
  { args: ['-config.file', '/a.yaml'], want: { configFile: '/a.yaml' } },
  { args: ['--config', '/b.yaml'], want: { configFile: '/b.yaml' } },
  { args: ['--config=/c.yaml', '-config.expand-env=true'], want: { configFile: '/c.yaml', expandEnv: true } },
  { args: ['-dry-run', '--once', '-stdin'], want: { dryRun: true, once: true, stdin: true } },
  { args: ['-dry-run=false'], want: { dryRun: false } },
  { args: ['-buffer.dir=/var/lib/wp', '-buffer.max-bytes=1048576'], want: { bufferDir: '/var/lib/wp', bufferMaxBytes: 1_048_576 } },
];
for (const c of cases) {
  test(`parseShipArgs() reads ${c.args.join(' ')}`, () => {
    const got = parseShipArgs(c.args);
    for (const [k, v] of Object.entries(c.want)) assert.equal(got[k as keyof typeof got], v, k);
  });
}

const bad: Array<[string[], RegExp]> = [
  [['-nope'], /^flag provided but not defined: -nope/],
  [['-config.file'], /^flag needs an argument: -config.file/],
  [['-dry-run=maybe'], /^invalid boolean value "maybe" for -dry-run/],
  [['positional'], /^unexpected argument "positional"/],
];
for (const [args, message] of bad) {
  test(`parseShipArgs() refuses ${args.join(' ')} as a usage error`, () => {
    assert.throws(() => parseShipArgs(args), (err: unknown) => isErrorCode(err, 'ERR_CLI_USAGE') && message.test(err.message));
  });
}
