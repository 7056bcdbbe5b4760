import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCrontab } from './crontab-parser.js';

const dir = join(import.meta.dirname, 'testdata/crontab');

// Golden files: <name>.crontab is parsed and compared to <name>.json (UPDATE_GOLDEN=1 rewrites them).
for (const name of readdirSync(dir).filter((f) => f.endsWith('.crontab'))) {
  test(`parseCrontab parses ${name} as osquery does`, () => {
    const got = parseCrontab(readFileSync(join(dir, name), 'utf8'));
    const golden = join(dir, name.replace(/\.crontab$/, '.json'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(got, null, 2)}\n`);
    assert.deepEqual(got, JSON.parse(readFileSync(golden, 'utf8')));
  });
}

const cases: Array<{ name: string; line: string; want: unknown[] }> = [
  { name: 'a variable line has no command', line: 'MAILTO=root', want: [] },
  { name: 'five fields and no command is dropped', line: '* * * * *', want: [] },
  { name: 'an @event alone is dropped', line: '@reboot', want: [] },
  { name: 'blanks in the command collapse to one space', line: '1 2 3 4 5 a\t\tb   c', want: [{ minute: '1', hour: '2', day_of_month: '3', month: '4', day_of_week: '5', command: 'a b c' }] },
  { name: 'a # inside the command stays', line: '@weekly run # not a comment', want: [{ event: '@weekly', command: 'run # not a comment' }] },
];

for (const c of cases) {
  test(`parseCrontab: ${c.name}`, () => {
    assert.deepEqual(parseCrontab(`${c.line}\n`), c.want);
  });
}
