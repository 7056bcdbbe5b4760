import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { memoryInfoTable, parseMeminfo } from './memory-info.js';
import { cpuTimeTable, parseCpuTimes } from './cpu-time.js';
import { loadAverageTable, parseLoadAverage } from './load-average.js';
import { kernelModulesTable, parseProcModules } from './kernel-modules.js';
import { memoryMapTable, parseIomem } from './memory-map.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));

test('memory_info converts the fixture meminfo kB figures to bytes', () => {
  const { rows } = runGenerator(memoryInfoTable, { paths: { root } });
  assert.deepEqual(rows, [{
    memory_total: 8029840 * 1024, memory_free: 512300 * 1024, memory_available: 4567890 * 1024,
    buffers: 123456 * 1024, cached: 3456789 * 1024, swap_cached: 1024 * 1024, active: 2345678 * 1024,
    inactive: 1234567 * 1024, swap_total: 2097148 * 1024, swap_free: 2000000 * 1024,
  }]);
});

test('parseMeminfo leaves absent or malformed lines unset', () => {
  assert.deepEqual(parseMeminfo('MemTotal: 10 kB\nMemFree:\nActive(anon): 5 kB\nCached: x kB\n'), { memory_total: 10240 });
  assert.deepEqual(parseMeminfo(''), {});
});

test('memory_info yields one row even when /proc/meminfo is missing', () => {
  assert.deepEqual(runGenerator(memoryInfoTable, { paths: { root: '/nonexistent' } }).rows, [{}]);
});

test('cpu_time has one row per core from the fixture /proc/stat, skipping the aggregate line', () => {
  const { rows } = runGenerator(cpuTimeTable, { paths: { root } });
  assert.deepEqual(rows.map((r) => [r.core, r.user, r.idle, r.iowait, r.steal, r.guest_nice]), [
    ['0', '23555', '150037', '46', '7', '0'],
    ['1', '22445', '147963', '604', '8', '0'],
  ]);
});

test('parseCpuTimes defaults steal/guest on old kernels and drops short or odd lines', () => {
  const rows = parseCpuTimes('cpu  1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\ncpu1 1 2 3\ncpux\ncpu 1 2\n');
  assert.deepEqual(rows, [{ core: '0', user: '1', nice: '2', system: '3', idle: '4', iowait: '5', irq: '6', softirq: '7', steal: '0', guest: '0', guest_nice: '0' }]);
});

test('load_average formats averages like C %f', () => {
  assert.deepEqual(runGenerator(loadAverageTable, { paths: { root } }).rows, [
    { period: '1m', average: '0.150000' },
    { period: '5m', average: '1.000000' },
    { period: '15m', average: '12.500000' },
  ]);
});

test('load_average returns three empty rows when /proc/loadavg is unusable, as osquery does', () => {
  assert.deepEqual(parseLoadAverage('garbage'), [{}, {}, {}]);
  assert.deepEqual(runGenerator(loadAverageTable, { paths: { root: '/nonexistent' } }).rows, [{}, {}, {}]);
});

test('kernel_modules parses the fixture /proc/modules', () => {
  const { rows } = runGenerator(kernelModulesTable, { paths: { root } });
  assert.deepEqual(rows[0], { name: 'nf_tables', size: '348160', used_by: 'nft_compat,nft_chain_nat', status: 'Live', address: '0xffffffffc0a1b000' });
  assert.deepEqual(rows.map((r) => [r.name, r.used_by, r.status]), [
    ['nf_tables', 'nft_compat,nft_chain_nat', 'Live'],
    ['nft_compat', '-', 'Live'],
    ['nft_chain_nat', '-', 'Live'],
    ['vboxdrv', 'vboxnetadp,vboxnetflt', 'Live'],
    ['loading_mod', '-', 'Loading'],
  ]);
});

test('parseProcModules skips lines with fewer than six fields', () => {
  assert.deepEqual(parseProcModules('short 1 2 -\n\n'), []);
});

test('memory_map reproduces osquery\'s iomem parsing, nested lines included', () => {
  const { rows } = runGenerator(memoryMapTable, { paths: { root } });
  assert.deepEqual(rows.slice(0, 4), [
    { name: 'Reserved', start: '0x00000000', end: '0x00000fff ' },
    { name: 'System RAM', start: '0x00001000', end: '0x0009fbff ' },
    { name: 'Reserved', start: '0x000f0000', end: '0x000fffff ' },
    { name: '00f0000-000fffff : System ROM', start: '0x  000f0000', end: '0x000fffff : System ROM' },
  ]);
  assert.equal(rows.length, 6);
  assert.deepEqual(parseIomem('no dash here\n0-1\n'), []);
});

test('proc tables on this host have osquery column shapes', () => {
  const mem = runGenerator(memoryInfoTable).rows;
  assert.equal(mem.length, 1);
  assert.deepEqual(validateRows('memory_info', mem, { memory_total: 'NonNegativeInt', memory_free: 'NonNegativeInt', swap_total: 'NonNegativeInt' }), []);
  const cpu = runGenerator(cpuTimeTable).rows;
  assert.ok(cpu.length >= 1);
  assert.deepEqual(validateRows('cpu_time', cpu, {
    core: 'NonNegativeInt', user: 'NonNegativeInt', nice: 'NonNegativeInt', system: 'NonNegativeInt', idle: 'NonNegativeInt',
    iowait: 'NonNegativeInt', irq: 'NonNegativeInt', softirq: 'NonNegativeInt', steal: 'NonNegativeInt', guest: 'NonNegativeInt', guest_nice: 'NonNegativeInt',
  }), []);
  const load = runGenerator(loadAverageTable).rows;
  assert.deepEqual(load.map((r) => r.period), ['1m', '5m', '15m']);
  assert.deepEqual(validateRows('load_average', load, { period: /^(1m|5m|15m)$/, average: /^\d+\.\d{6}$/ }), []);
  assert.deepEqual(validateRows('kernel_modules', runGenerator(kernelModulesTable).rows, {
    name: 'NonEmptyString', size: 'NonNegativeInt', used_by: 'NonEmptyString', status: 'NonEmptyString', address: /^0x[0-9a-f]+$/,
  }), []);
  assert.deepEqual(validateRows('memory_map', runGenerator(memoryMapTable).rows, { start: /^0x/, end: /^0x/, name: 'String' }), []);
});
