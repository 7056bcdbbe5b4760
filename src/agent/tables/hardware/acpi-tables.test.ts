import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { acpiTablesTable } from './acpi-tables.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));

function md5Of(path: string): string {
  return createHash('md5').update(readFileSync(`${root}${path}`)).digest('hex');
}

test('acpi_tables lists the top-level table files with size and md5, skipping subdirectories', () => {
  const { rows } = runGenerator(acpiTablesTable, { paths: { root } });
  assert.deepEqual(rows, [
    { name: 'APIC', size: 20, md5: md5Of('/sys/firmware/acpi/tables/APIC') },
    { name: 'DSDT', size: 68, md5: md5Of('/sys/firmware/acpi/tables/DSDT') },
  ]);
});

test('acpi_tables is empty without /sys/firmware/acpi/tables', () => {
  assert.deepEqual(runGenerator(acpiTablesTable, { paths: { root: '/nonexistent' } }).rows, []);
});

test('acpi_tables on this host has osquery column shapes', () => {
  const { rows } = runGenerator(acpiTablesTable);
  const readable = process.getuid?.() === 0;
  assert.deepEqual(validateRows('acpi_tables', rows, {
    name: 'NonEmptyString',
    size: readable ? 'NonNegativeInt' : 'Int',
    md5: readable ? /^[0-9a-f]{32}$/ : /^([0-9a-f]{32})?$/,
  }), []);
});
