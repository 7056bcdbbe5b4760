/**
 * The CPUID feature bits osquery's cpuid table reports, in its order
 * (leaf 1, leaf 7, leaf 0x80000001), each with the name Linux prints for
 * the same bit in the /proc/cpuinfo flags line. Where osquery's name
 * differs from the kernel's (sse3 is "pni", clfsh is "clflush", osquery's
 * "mmz" is the MMX bit) the kernel name is given explicitly.
 */
export interface CpuidFeature {
  /** osquery's feature name. */
  readonly feature: string;
  readonly register: 'eax' | 'ebx' | 'ecx' | 'edx';
  readonly bit: number;
  /** CPUID leaf (EAX input). */
  readonly leaf: number;
  /** The flag in /proc/cpuinfo that mirrors this bit. */
  readonly linuxFlag: string;
}

type Def = readonly [feature: string, register: CpuidFeature['register'], bit: number, linuxFlag?: string];

const leaf1: readonly Def[] = [
  ['pae', 'edx', 6], ['msr', 'edx', 5], ['sep', 'edx', 11], ['mtrr', 'edx', 12], ['pge', 'edx', 13],
  ['mca', 'edx', 14], ['pat', 'edx', 16], ['clfsh', 'edx', 19, 'clflush'], ['acpi', 'edx', 22],
  ['mmz', 'edx', 23, 'mmx'], ['sse', 'edx', 25], ['sse2', 'edx', 26], ['ss', 'edx', 27], ['htt', 'edx', 28, 'ht'],
  ['ia64', 'edx', 30],
  ['sse3', 'ecx', 0, 'pni'], ['vmx', 'ecx', 5], ['smx', 'ecx', 6], ['ssse3', 'ecx', 9], ['sdbg', 'ecx', 11],
  ['pdcm', 'ecx', 15], ['pcid', 'ecx', 17], ['dca', 'ecx', 18], ['sse4.1', 'ecx', 19, 'sse4_1'],
  ['sse4.2', 'ecx', 20, 'sse4_2'], ['aes', 'ecx', 25], ['avx', 'ecx', 28], ['hypervisor', 'ecx', 31],
];

const leaf7: readonly Def[] = [
  ['sgx', 'ebx', 2], ['hle', 'ebx', 4], ['avx2', 'ebx', 5], ['smep', 'ebx', 7], ['bmi2', 'ebx', 8],
  ['erms', 'ebx', 9], ['invpcid', 'ebx', 10], ['rtm', 'ebx', 11], ['pqm', 'ebx', 12, 'cqm'], ['mpx', 'ebx', 14],
  ['pqe', 'ebx', 15, 'rdt_a'], ['avx512f', 'ebx', 16], ['avx512dq', 'ebx', 17], ['rdseed', 'ebx', 18],
  ['adx', 'ebx', 19], ['smap', 'ebx', 20], ['intel_pt', 'ebx', 25], ['sha', 'ebx', 29, 'sha_ni'],
  ['umip', 'ecx', 2], ['pku', 'ecx', 3], ['ospke', 'ecx', 4], ['gfni', 'ecx', 8], ['vaes', 'ecx', 9],
  ['sgx_lc', 'ecx', 30],
  ['spec_ctrl', 'edx', 26],
];

const leaf80000001: readonly Def[] = [
  ['lahfsahf', 'ecx', 0, 'lahf_lm'], ['svm', 'ecx', 2], ['3dnowprefetch', 'ecx', 8], ['ibs', 'ecx', 10],
  ['skinit', 'ecx', 12], ['lwp', 'ecx', 15],
  ['nx', 'edx', 20], ['page1gb', 'edx', 26, 'pdpe1gb'], ['lm', 'edx', 29],
];

function expand(leaf: number, defs: readonly Def[]): CpuidFeature[] {
  return defs.map(([feature, register, bit, linuxFlag]) => ({ feature, register, bit, leaf, linuxFlag: linuxFlag ?? feature }));
}

export const cpuidFeatures: readonly CpuidFeature[] = [
  ...expand(1, leaf1),
  ...expand(7, leaf7),
  ...expand(0x80000001, leaf80000001),
];
