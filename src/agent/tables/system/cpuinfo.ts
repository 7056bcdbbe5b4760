import { splitOsquery } from '../lib/osquery-strings.js';

export interface CpuinfoFacts {
  /** The `model` number ('0' when absent), as system_info.cpu_subtype. */
  readonly subtype: string;
  readonly microcode?: string;
  /** logical cores ÷ `siblings` (-1 when either is 0); undefined without a siblings line. */
  readonly sockets?: number;
  /** `model name`, the CPUID brand string, trimmed. */
  readonly brand?: string;
  /** Distinct (physical id, core id) pairs, or the logical core count when there are none. */
  readonly physicalCores: number;
}

/**
 * The system_info facts osquery takes from /proc/cpuinfo. For model,
 * microcode and siblings the last processor's line wins (osquery's loop runs
 * over every processor); physical cores are counted as boost's
 * physical_concurrency does, which gives up (returning the logical count)
 * on any line that is not exactly one "key: value" pair.
 */
export function parseCpuinfo(content: string, logicalCores: number): CpuinfoFacts {
  let subtype = '0';
  let microcode: string | undefined;
  let sockets: number | undefined;
  let brand: string | undefined;
  for (const line of splitOsquery(content, '\n')) {
    const details = splitOsquery(line, ':');
    const value = details.length === 2 ? (details[1] ?? '') : undefined;
    if (line.startsWith('model\t')) {
      if (value !== undefined) subtype = value;
    } else if (line.startsWith('microcode')) {
      if (value !== undefined) microcode = value;
    } else if (line.startsWith('siblings')) {
      if (value !== undefined) {
        const perSocket = Number.parseInt(value, 10);
        sockets = logicalCores > 0 && perSocket > 0 ? Math.floor(logicalCores / perSocket) : -1;
      }
    } else if (brand === undefined && line.startsWith('model name') && value !== undefined) {
      brand = value;
    }
  }
  return { subtype, microcode, sockets, brand, physicalCores: countPhysicalCores(content, logicalCores) };
}

function countPhysicalCores(content: string, logicalCores: number): number {
  const cores = new Set<string>();
  let physicalId = 0;
  for (const line of content.split('\n')) {
    if (line === '') continue;
    const pair = line.split(':');
    if (pair.length !== 2) return logicalCores;
    const key = (pair[0] ?? '').trim();
    const value = (pair[1] ?? '').trim();
    if (key !== 'physical id' && key !== 'core id') continue;
    if (!/^\d+$/.test(value)) return logicalCores;
    if (key === 'physical id') physicalId = Number(value);
    else cores.add(`${physicalId}:${value}`);
  }
  return cores.size > 0 ? cores.size : logicalCores;
}

/** The number of CPUs in a kernel cpu list such as /sys/devices/system/cpu/online ('0-3,8-11' → 8); 0 when it does not parse. */
export function countCpuList(list: string): number {
  let count = 0;
  for (const part of list.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return 0;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first) return 0;
    count += last - first + 1;
  }
  return count;
}
