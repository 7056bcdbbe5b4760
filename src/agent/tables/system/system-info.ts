import { cpus, machine, totalmem } from 'node:os';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { countCpuList, parseCpuinfo } from './cpuinfo.js';
import { readDmiIdentity } from './dmi-identity.js';
import { readHostUuid } from './host-uuid.js';
import { readFqdn, readHostname } from './hostname.js';

/**
 * system_info: one row identifying the host, as osquery's Linux generator
 * fills it. hostname is the FQDN, computer_name the kernel host name and
 * local_hostname a copy of hostname; cpu_type is uname's machine; cpu_brand
 * (x86_64 only, as osquery reads it from CPUID) is /proc/cpuinfo's model
 * name; logical cores are the online CPUs; physical_memory is MemTotal in
 * bytes; hardware and board strings come from /sys/class/dmi/id.
 */
export function* genSystemInfo(ctx: QueryContext): Iterable<Row> {
  const computerName = readHostname();
  const fqdn = ctx.isColumnUsed('hostname') || ctx.isColumnUsed('local_hostname') ? readFqdn(ctx, computerName) : computerName;
  const logicalCores = readLogicalCores(ctx);
  const cpuType = machine();
  const cpu = parseCpuinfo(readText(ctx.hostPath('/proc/cpuinfo')) ?? '', logicalCores);
  const row: Record<string, string | number | undefined> = {
    hostname: fqdn,
    computer_name: computerName,
    local_hostname: fqdn,
    uuid: readHostUuid(ctx),
    cpu_type: cpuType,
    cpu_subtype: cpu.subtype,
    cpu_brand: cpuType === 'x86_64' ? cpu.brand : undefined,
    cpu_physical_cores: cpu.physicalCores,
    cpu_logical_cores: logicalCores > 0 ? logicalCores : -1,
    cpu_sockets: cpu.sockets,
    cpu_microcode: cpu.microcode,
    physical_memory: readPhysicalMemory(ctx),
    ...readDmiIdentity(ctx),
  };
  yield row;
}

/** Online CPUs (what get_nprocs counts), from /sys/devices/system/cpu/online, else Node's count. */
function readLogicalCores(ctx: QueryContext): number {
  const online = countCpuList(readText(ctx.hostPath('/sys/devices/system/cpu/online')) ?? '');
  return online > 0 ? online : cpus().length;
}

/** _SC_PHYS_PAGES × page size, which is MemTotal; -1 when unknown. */
function readPhysicalMemory(ctx: QueryContext): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(readText(ctx.hostPath('/proc/meminfo')) ?? '');
  const bytes = m ? Number(m[1]) * 1024 : totalmem();
  return bytes > 0 ? bytes : -1;
}

export const systemInfoTable: TableImpl = {
  name: 'system_info',
  generate: genSystemInfo,
  reads: ['/proc/cpuinfo', '/proc/meminfo', '/sys/devices/system/cpu/online', '/sys/class/dmi/id/*', '/etc/hosts', '/etc/machine-id', 'getent ahosts (FQDN)'],
  needsRoot: true,
};
