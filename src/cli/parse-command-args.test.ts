import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatchpostError } from '../core/index.js';
import { parseCommandArgs } from './parse-command-args.js';

const usage = 'usage: watchpost demo [--addr URL]\n';
const options = { addr: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

test('parseCommandArgs() returns parseArgs values and positionals', () => {
  const parsed = parseCommandArgs({ args: ['--addr', 'http://x', '-h', 'q'], options, allowPositionals: true, strict: true }, usage);
  assert.deepEqual({ ...parsed.values }, { addr: 'http://x', help: true });
  assert.deepEqual(parsed.positionals, ['q']);
});

const refused: Array<{ name: string; args: string[] }> = [
  { name: 'an unknown flag', args: ['--nope'] },
  { name: 'a string flag without its value', args: ['--addr'] },
  { name: 'a positional where none are allowed', args: ['extra'] },
];

for (const c of refused) {
  test(`parseCommandArgs(): ${c.name} is ERR_CLI_USAGE with parseArgs' message and the usage`, () => {
    assert.throws(() => parseCommandArgs({ args: c.args, options, strict: true }, usage), (err: unknown) => {
      assert.ok(err instanceof WatchpostError);
      assert.equal(err.code, 'ERR_CLI_USAGE');
      assert.ok(err.message.endsWith(`\n${usage}`), err.message);
      assert.notEqual(err.message, `\n${usage}`);
      return true;
    });
  });
}
