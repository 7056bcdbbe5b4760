import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProcUptime, uptimeTable } from './uptime.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));

const parseCases = [
  { content: readFileSync(`${root}/proc/uptime`, 'latin1'), expected: 12346 },
  { content: '100.00 5.00\n', expected: 100 },
  { content: '59.01 1.00\n', expected: 60 },
  { content: '7 3\n', expected: 7 },
  { content: '', expected: undefined },
  { content: 'garbage', expected: undefined },
];
for (const c of parseCases) {
  test(`parseProcUptime(${JSON.stringify(c.content)}) rounds a fraction up like sysinfo`, () => {
    assert.equal(parseProcUptime(c.content), c.expected);
  });
}

test('uptime splits the fixture into days, hours, minutes and seconds', () => {
  const { rows } = runGenerator(uptimeTable, { paths: { root } });
  assert.deepEqual(rows, [{ days: 0, hours: 3, minutes: 25, seconds: 46, total_seconds: 12346 }]);
});

test('uptime yields no row when /proc/uptime is missing', () => {
  const { rows } = runGenerator(uptimeTable, { paths: { root: fileURLToPath(new URL('./testdata/os-release', import.meta.url)) } });
  assert.deepEqual(rows, []);
});

test('uptime yields one live row with osquery column shapes and consistent parts', () => {
  const { rows } = runGenerator(uptimeTable);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    validateRows('uptime', rows, {
      days: 'NonNegativeInt', hours: /^([0-9]|1[0-9]|2[0-3])$/, minutes: /^[0-5]?[0-9]$/, seconds: /^[0-5]?[0-9]$/, total_seconds: 'NonNegativeInt',
    }),
    [],
  );
  const r = rows[0] as Record<string, number>;
  assert.equal(((r.days ?? 0) * 24 + (r.hours ?? 0)) * 3600 + (r.minutes ?? 0) * 60 + (r.seconds ?? 0), r.total_seconds);
});
