import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createSqlEngine, type SqlEngine } from '../../index.js';
import { hardwareTables } from './index.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));

/**
 * The queries of osquery's example packs (hardware-monitoring,
 * incident-response, it-compliance, vuln-management) that read this
 * category's tables, verbatim, with the rows each returns over the fixture
 * root. None of them joins kernel_modules or another hardware table with
 * other tables.
 */
const packQueries: ReadonlyArray<readonly [name: string, sql: string, fixtureRows: number]> = [
  ['hardware-monitoring/acpi_tables', 'select * from acpi_tables;', 2],
  ['hardware-monitoring/cpuid', 'select feature, value, output_register, output_bit, input_eax from cpuid;', 66],
  ['hardware-monitoring/smbios_tables', 'select * from smbios_tables;', 7],
  ['hardware-monitoring/pci_devices', 'select * from pci_devices;', 5],
  ['hardware-monitoring/usb_devices', 'select * from usb_devices;', 3],
  ['hardware-monitoring/kernel_modules', 'select * from kernel_modules;', 5],
  ['incident-response/ip_forwarding', "select * from system_controls where oid = '4.30.41.1' union select * from system_controls where oid = '4.2.0.1';", 0],
  ['incident-response/ramdisk', "select * from block_devices where type = 'Virtual Interface';", 0],
  ['incident-response/disk_encryption', 'select * from disk_encryption;', process.getuid?.() === 0 ? 7 : 0],
];

async function withEngine(paths: { root?: string }, fn: (engine: SqlEngine) => Promise<void>): Promise<void> {
  const engine = await createSqlEngine({ tables: new Map(hardwareTables.map((t) => [t.name, t])), paths });
  try {
    await fn(engine);
  } finally {
    await engine.close();
  }
}

test('pack queries on hardware tables run on this host', () =>
  withEngine({}, async (engine) => {
    for (const [name, sql] of packQueries) {
      const results = await engine.query(sql);
      assert.equal(results.length, 1, name);
    }
  }));

test('pack queries on hardware tables return the fixture rows', () =>
  withEngine({ root }, async (engine) => {
    for (const [name, sql, expected] of packQueries) {
      const [result] = await engine.query(sql);
      assert.equal(result?.rows.length, expected, name);
    }
  }));

test('SQL sees osquery types: integer columns are numbers, missing text is empty', () =>
  withEngine({ root }, async (engine) => {
    const [usb] = await engine.query("select usb_address, usb_port, typeof(usb_port) as t from usb_devices where vendor_id = '046d'");
    assert.deepEqual(usb?.rows, [['1', '3', 'integer']]);
    const [sysctl] = await engine.query("select name, oid, config_value, typeof(oid) from system_controls where name = 'net.ipv4.conf.lo.forwarding'");
    assert.deepEqual(sysctl?.rows, [['net.ipv4.conf.lo.forwarding', '', '', 'text']]);
    const [mem] = await engine.query('select memory_total, typeof(memory_total) from memory_info');
    assert.deepEqual(mem?.rows, [[String(8029840 * 1024), 'integer']]);
  }));

test('block_devices joins disk_encryption on name, pushing the constraint down', () =>
  withEngine({ root }, async (engine) => {
    const [result] = await engine.query(
      "select b.name, b.type, d.encrypted, d.type from block_devices b join disk_encryption d using (name) where b.type in ('ext4', 'xfs') order by b.name",
    );
    const expected = process.getuid?.() === 0
      ? [['/dev/dm-0', 'ext4', '1', 'aes-xts-plain64'], ['/dev/dm-1', 'xfs', '1', 'aes-xts-plain64'], ['/dev/nvme0n1', 'ext4', '0', '']]
      : [];
    assert.deepEqual(result?.rows, expected);
  }));
