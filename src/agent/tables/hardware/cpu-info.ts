import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';
import { parseCpuinfo } from './proc-cpuinfo.js';
import { readSmbiosStructures, smbiosString, type SmbiosStructure } from './smbios-structures.js';

const processorType = 4;

/** osquery's device_id prefixes by SMBIOS processor type. */
const processorTypeNames: ReadonlyMap<string, string> = new Map([['3', 'CPU'], ['4', 'MATH'], ['5', 'DSP'], ['6', 'GPU']]);

/** Core and thread counts for processors whose SMBIOS record predates 2.5 (no count fields). */
export interface CpuCounts {
  readonly physicalCores: number;
  readonly logicalProcessors: number;
}

/**
 * cpu_info rows from SMBIOS structures: one per Processor Information
 * (type 4) record of at least 0x30 bytes, as osquery reads it; device_id
 * is CPU0, CPU1, … (MATH/DSP/GPU for other processor types, numbered in
 * one sequence). Records shorter than 0x28 (SMBIOS < 2.5) take core and
 * thread counts from the running system, and address_width from the
 * build (64).
 */
export function cpuInfoRows(structures: readonly SmbiosStructure[], counts: () => CpuCounts): Row[] {
  const rows: Array<Record<string, string | number>> = [];
  for (const s of structures) {
    if (s.type !== processorType || s.bytes.length < 0x2e + 2) continue;
    const b = s.bytes;
    const row: Record<string, string | number> = {
      socket_designation: smbiosString(s, b[0x04] as number),
      model: smbiosString(s, b[0x10] as number),
      manufacturer: smbiosString(s, b[0x07] as number),
      processor_type: String(b[0x05]),
      cpu_status: b[0x18] as number,
      current_clock_speed: b.readUInt16LE(0x16),
      max_clock_speed: b.readUInt16LE(0x14),
    };
    if (s.length >= 0x28) {
      row.number_of_cores = String(b[0x23]);
      row.logical_processors = b[0x25] as number;
      row.address_width = (b.readUInt16LE(0x26) & (1 << 2)) !== 0 ? '64' : '32';
    } else {
      const c = counts();
      row.number_of_cores = String(c.physicalCores);
      row.logical_processors = c.logicalProcessors;
      row.address_width = '64';
    }
    rows.push(row);
  }
  let deviceId = 0;
  for (const row of rows) {
    const prefix = processorTypeNames.get(String(row.processor_type));
    if (prefix !== undefined) row.device_id = prefix + String(deviceId++);
  }
  return rows;
}

/** Physical cores (distinct physical id/core id pairs) and logical processors from /proc/cpuinfo. */
export function countCpus(cpuinfoText: string): CpuCounts {
  const blocks = parseCpuinfo(cpuinfoText).filter((b) => b.has('processor'));
  const cores = new Set(blocks.map((b) => `${b.get('physical id') ?? ''}:${b.get('core id') ?? b.get('processor')}`));
  return { physicalCores: cores.size, logicalProcessors: blocks.length };
}

/** cpu_info: needs the SMBIOS tables, so root; otherwise it has no rows (osquery logs this at verbose level only). */
export function* genCpuInfo(ctx: QueryContext): Iterable<Row> {
  const structures = readSmbiosStructures((p) => ctx.hostPath(p));
  if (!structures) return;
  yield* cpuInfoRows(structures, () => countCpus(readProcFile(ctx.hostPath('/proc/cpuinfo')) ?? ''));
}

export const cpuInfoTable: TableImpl = {
  name: 'cpu_info',
  generate: genCpuInfo,
  reads: ['/sys/firmware/dmi/tables/DMI (Processor Information)', '/proc/cpuinfo'],
  needsRoot: true,
};
