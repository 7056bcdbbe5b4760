import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShellHistory } from './shell-history-parser.js';

const dir = join(import.meta.dirname, 'testdata/shell-history');

// Golden files: <name>.history is parsed and compared to <name>.json (UPDATE_GOLDEN=1 rewrites them).
for (const name of readdirSync(dir).filter((f) => f.endsWith('.history'))) {
  test(`parseShellHistory parses ${name} as osquery does`, () => {
    const got = parseShellHistory(readFileSync(join(dir, name), 'utf8'));
    const golden = join(dir, name.replace(/\.history$/, '.json'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(got, null, 2)}\n`);
    assert.deepEqual(got, JSON.parse(readFileSync(golden, 'utf8')));
  });
}

const cases: Array<{ name: string; text: string; want: Array<[string, string]> }> = [
  { name: 'empty file', text: '', want: [] },
  { name: 'a lone trailing timestamp yields nothing', text: 'a\n#1700000000\n', want: [['0', 'a']] },
  { name: 'zsh allows up to 10 spaces after the colon', text: ':          1:0;x\n:           1:0;y\n', want: [['1', 'x'], ['0', ':           1:0;y']] },
  { name: 'zsh epoch has at most 11 digits', text: ': 123456789012:0;x\n', want: [['0', ': 123456789012:0;x']] },
  { name: 'zsh needs the elapsed field', text: ': 1700000000;x\n', want: [['0', ': 1700000000;x']] },
];

for (const c of cases) {
  test(`parseShellHistory: ${c.name}`, () => {
    assert.deepEqual(parseShellHistory(c.text).map((e) => [e.time, e.command]), c.want);
  });
}
