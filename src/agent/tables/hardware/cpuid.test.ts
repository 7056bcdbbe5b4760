import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cpuidRowsFromCpuinfo, cpuidTable, leaf1Signature } from './cpuid.js';
import { cpuidFeatures } from './cpuid-features.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));

function cpu(fields: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(fields));
}

test('leaf1Signature rebuilds CPUID leaf 1 EAX from family, model and stepping', () => {
  const cases: Array<[string, Record<string, string>, number]> = [
    ['Intel family 6 model 167 stepping 1', { 'cpu family': '6', model: '167', stepping: '1' }, 0x000a0671],
    ['Intel Skylake-SP 6/85/4', { 'cpu family': '6', model: '85', stepping: '4' }, 0x00050654],
    ['AMD Zen 2 23/49/0', { 'cpu family': '23', model: '49', stepping: '0' }, 0x00830f10],
    ['AMD Zen 4 25/17/1', { 'cpu family': '25', model: '17', stepping: '1' }, 0x00a10f11],
    ['Pentium 4 15/2/9', { 'cpu family': '15', model: '2', stepping: '9' }, 0x00000f29],
    ['486 family 4', { 'cpu family': '4', model: '8', stepping: '0' }, 0x00000480],
  ];
  for (const [name, fields, expected] of cases) assert.equal(leaf1Signature(cpu(fields)), expected, name);
  assert.equal(leaf1Signature(cpu({ 'cpu family': 'x', model: '1' })), undefined);
});

test('cpuid rows from the fixture cpuinfo follow osquery\'s order and names', () => {
  const { rows } = runGenerator(cpuidTable, { paths: { root } });
  assert.deepEqual(rows.slice(0, 4), [
    { feature: 'vendor', value: 'GenuineIntel', output_register: 'ebx,edx,ecx', output_bit: 0, input_eax: '0' },
    { feature: 'product_name', value: 'Intel(R) Xeon(R) Processor', output_register: 'eax,ebx,ecx,edx', output_bit: 0, input_eax: '0x80000002' },
    { feature: 'serial', value: '000a06710000000000000000', output_register: 'eax,eax,ecx', output_bit: 0, input_eax: '1,3' },
    { feature: 'family', value: '0600', output_register: 'eax', output_bit: 0, input_eax: '1' },
  ]);
  const features = rows.slice(4);
  assert.deepEqual(features.map((r) => r.feature), cpuidFeatures.map((f) => f.feature));
  const value = (name: string): unknown => features.find((r) => r.feature === name)?.value;
  // Kernel flag names that differ from osquery's feature names.
  assert.equal(value('sse3'), '1'); // pni
  assert.equal(value('clfsh'), '1'); // clflush
  assert.equal(value('mmz'), '1'); // mmx
  assert.equal(value('htt'), '1'); // ht
  assert.equal(value('sse4.1'), '1'); // sse4_1
  assert.equal(value('sha'), '1'); // sha_ni
  assert.equal(value('page1gb'), '1'); // pdpe1gb
  assert.equal(value('lahfsahf'), '1'); // lahf_lm
  assert.equal(value('vmx'), '0');
  assert.equal(value('svm'), '0');
  assert.deepEqual(features.find((r) => r.feature === 'nx'), { feature: 'nx', value: '1', output_register: 'edx', output_bit: 20, input_eax: '2147483649' });
});

test('cpuid omits the serial row when the CPU has a processor serial number', () => {
  const text = 'vendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 7\nstepping\t: 3\nflags\t\t: fpu pn sse\n';
  const rows = cpuidRowsFromCpuinfo(text);
  assert.equal(rows.some((r) => r.feature === 'serial'), false);
  assert.deepEqual(rows.find((r) => r.feature === 'family')?.value, '0600');
});

test('cpuid reports AMD family 0x17 as base family f', () => {
  const text = 'processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 23\nmodel\t\t: 49\nmodel name\t: AMD EPYC 7R32\nstepping\t: 0\nflags\t\t: svm lm\n';
  const rows = cpuidRowsFromCpuinfo(text);
  assert.equal(rows.find((r) => r.feature === 'family')?.value, '0f00');
  assert.equal(rows.find((r) => r.feature === 'svm')?.value, '1');
  assert.equal(rows.find((r) => r.feature === 'serial')?.value, '00830f100000000000000000');
});

test('cpuid has no rows without x86 cpuinfo fields (ARM)', () => {
  assert.deepEqual(cpuidRowsFromCpuinfo('processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n'), []);
});

test('cpuid on this host has osquery column shapes', (t) => {
  const { rows } = runGenerator(cpuidTable);
  if (process.arch !== 'x64') {
    assert.deepEqual(rows, []);
    t.skip('cpuid exists on x86-64 only');
    return;
  }
  assert.ok(rows.length > cpuidFeatures.length);
  assert.deepEqual(validateRows('cpuid', rows, {
    feature: 'NonEmptyString', value: 'String', output_register: /^(eax|ebx|ecx|edx)(,(eax|ebx|ecx|edx))*$/, output_bit: 'NonNegativeInt', input_eax: 'NonEmptyString',
  }), []);
  assert.deepEqual(validateRows('cpuid', rows.slice(4), { value: 'Bool' }), []);
});
