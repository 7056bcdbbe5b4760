import { createHash } from 'node:crypto';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { dmiTablesPath, readSmbiosStructures, type SmbiosStructure } from './smbios-structures.js';

/** osquery's friendly names for SMBIOS structure types. */
const typeDescriptions: ReadonlyMap<number, string> = new Map([
  [0, 'BIOS Information'], [1, 'System Information'], [2, 'Base Board or Module Information'],
  [3, 'System Enclosure or Chassis'], [4, 'Processor Information'], [5, 'Memory Controller Information'],
  [6, 'Memory Module Information'], [7, 'Cache Information'], [8, 'Port Connector Information'],
  [9, 'System Slots'], [10, 'On Board Devices Information'], [11, 'OEM Strings'],
  [12, 'System Configuration Options'], [13, 'BIOS Language Information'], [14, 'Group Associations'],
  [15, 'System Event Log'], [16, 'Physical Memory Array'], [17, 'Memory Device'],
  [18, '32-bit Memory Error Information'], [19, 'Memory Array Mapped Address'],
  [20, 'Memory Device Mapped Address'], [21, 'Built-in Pointing Device'], [22, 'Portable Battery'],
  [23, 'System Reset'], [24, 'Hardware Security'], [25, 'System Power Controls'], [26, 'Voltage Probe'],
  [27, 'Cooling Device'], [28, 'Temperature Probe'], [29, 'Electrical Current Probe'],
  [30, 'Out-of-Band Remote Access'], [31, 'Boot Integrity Services'], [32, 'System Boot Information'],
  [33, '64-bit Memory Error Information'], [34, 'Management Device'], [35, 'Management Device Component'],
  [36, 'Management Device Threshold Data'], [37, 'Memory Channel'], [38, 'IPMI Device Information'],
  [39, 'System Power Supply'], [40, 'Additional Information'], [41, 'Onboard Devices Extended Info'],
  [126, 'Inactive'], [127, 'End-of-Table'], [130, 'Memory SPD Data'], [131, 'OEM Processor Type'],
  [132, 'OEM Processor Bus Speed'],
]);

/** One smbios_tables row: the structure's position, type, handle, sizes and the MD5 of its bytes. */
export function smbiosTableRow(s: SmbiosStructure): Row {
  return {
    number: s.index,
    type: s.type,
    description: typeDescriptions.get(s.type) ?? 'Unknown',
    handle: s.handle,
    header_size: s.length,
    size: s.bytes.length,
    md5: createHash('md5').update(s.bytes).digest('hex'),
  };
}

/**
 * smbios_tables: one row per SMBIOS structure from
 * /sys/firmware/dmi/tables/DMI. The node is readable by root only; without
 * it the table is empty and says why.
 */
export function* genSmbiosTables(ctx: QueryContext): Iterable<Row> {
  const structures = readSmbiosStructures((p) => ctx.hostPath(p));
  if (!structures) {
    ctx.warn(`Could not read SMBIOS tables from ${dmiTablesPath} (it is readable by root only, and absent on some virtual machines)`);
    return;
  }
  for (const s of structures) yield smbiosTableRow(s);
}

export const smbiosTablesTable: TableImpl = {
  name: 'smbios_tables',
  generate: genSmbiosTables,
  reads: [dmiTablesPath],
  needsRoot: true,
};
