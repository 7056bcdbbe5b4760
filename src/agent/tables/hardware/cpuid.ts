import type { QueryContext, Row, TableImpl } from '../table.js';
import { readProcFile } from '../lib/fs-read.js';
import { cpuidFeatures } from './cpuid-features.js';
import { parseCpuinfo } from './proc-cpuinfo.js';

/**
 * cpuid: osquery executes the CPUID instruction; Node cannot, so this
 * table rebuilds osquery's rows from what the kernel learned from CPUID and
 * publishes in /proc/cpuinfo (first processor):
 *
 * - vendor: `vendor_id` (leaf 0 EBX,EDX,ECX).
 * - product_name: `model name` (leaves 0x80000002-4). osquery prints the
 *   raw 48 bytes, trailing NULs and any leading padding included; the
 *   kernel trims them.
 * - serial: leaf 1 EAX rebuilt from family/model/stepping, then leaf 3
 *   EAX and EDX, which are zero on every CPU without a processor serial
 *   number (no `pn` flag). With `pn` the row is omitted.
 * - family: (leaf 1 EAX & 0xf00) as four hex digits, from `cpu family`.
 * - one row per feature bit osquery knows, value 1/0 from the kernel's
 *   flag for that bit. The kernel clears flags it disables (e.g. booted
 *   with nosmap, or unsupported under a hypervisor), so a bit can read 0
 *   here while raw CPUID reports 1.
 * - hypervisor_id (leaf 0x40000000) and sgx0/sgx1 (leaf 0x12) have no
 *   /proc or /sys counterpart and are omitted.
 *
 * Like osquery's, the table is x86-only: elsewhere it has no rows.
 */
export function cpuidRowsFromCpuinfo(cpuinfoText: string): Row[] {
  const cpu = parseCpuinfo(cpuinfoText)[0];
  const vendor = cpu?.get('vendor_id');
  const flagsText = cpu?.get('flags');
  if (!cpu || vendor === undefined || flagsText === undefined) return [];
  const flags = new Set(flagsText.split(/\s+/));
  const rows: Row[] = [
    { feature: 'vendor', value: vendor, output_register: 'ebx,edx,ecx', output_bit: 0, input_eax: '0' },
    { feature: 'product_name', value: cpu.get('model name') ?? '', output_register: 'eax,ebx,ecx,edx', output_bit: 0, input_eax: '0x80000002' },
  ];
  const signature = leaf1Signature(cpu);
  if (signature !== undefined && !flags.has('pn')) {
    rows.push({ feature: 'serial', value: hex8(signature) + hex8(0) + hex8(0), output_register: 'eax,eax,ecx', output_bit: 0, input_eax: '1,3' });
  }
  if (signature !== undefined) {
    rows.push({ feature: 'family', value: (signature & 0xf00).toString(16).padStart(4, '0'), output_register: 'eax', output_bit: 0, input_eax: '1' });
  }
  for (const f of cpuidFeatures) {
    rows.push({ feature: f.feature, value: flags.has(f.linuxFlag) ? '1' : '0', output_register: f.register, output_bit: f.bit, input_eax: String(f.leaf) });
  }
  return rows;
}

/**
 * CPUID leaf 1 EAX (the processor signature) from cpuinfo's family, model
 * and stepping, inverting the kernel's decoding: family 15 and above use
 * the extended family field; families 6 and 15+ carry model bits 4-7 in
 * the extended model field. The processor-type bits (12-13) read as 0.
 */
export function leaf1Signature(cpu: ReadonlyMap<string, string>): number | undefined {
  const family = Number(cpu.get('cpu family'));
  const model = Number(cpu.get('model'));
  const stepping = Number(cpu.get('stepping') ?? 0);
  if (![family, model, stepping].every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  const baseFamily = Math.min(family, 0xf);
  const extFamily = family >= 0xf ? family - 0xf : 0;
  const extended = baseFamily === 0x6 || baseFamily === 0xf;
  const baseModel = model & 0xf;
  const extModel = extended ? (model >> 4) & 0xf : 0;
  return ((extFamily & 0xff) << 20 | extModel << 16 | baseFamily << 8 | baseModel << 4 | (stepping & 0xf)) >>> 0;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export function* genCpuid(ctx: QueryContext): Iterable<Row> {
  yield* cpuidRowsFromCpuinfo(readProcFile(ctx.hostPath('/proc/cpuinfo')) ?? '');
}

export const cpuidTable: TableImpl = {
  name: 'cpuid',
  generate: genCpuid,
  reads: ['/proc/cpuinfo (vendor_id, model name, cpu family, model, stepping, flags)'],
};
