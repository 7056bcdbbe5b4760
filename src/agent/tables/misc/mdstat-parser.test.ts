import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMdstat } from './mdstat-parser.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));

test('parseMdstat reads the fixture: personalities, arrays with recovery, bitmap, delayed resync, unused devices', () => {
  const stat = parseMdstat(readFileSync(`${root}/proc/mdstat`, 'latin1'));
  assert.deepEqual(stat.personalities, ['raid1', 'raid6', 'raid5', 'raid4', 'linear', 'multipath', 'raid0', 'raid10']);
  assert.equal(stat.unused, '<none>');
  assert.deepEqual(stat.warnings, []);
  assert.deepEqual(stat.devices, [
    {
      name: 'md1', status: 'active', raidLevel: 'raid5', usableSize: 1953260544,
      other: 'super 1.2 level 5, 512k chunk, algorithm 2', healthyDrives: '[3/2]', driveStatuses: '[U_U]',
      recovery: { progress: '9.2% (90025472/976630272)', finish: '81.7min', speed: '180850K/sec' },
      bitmap: { onMem: '2/8 pages [8KB]', chunkSize: '65536KB chunk', externalFile: '' },
    },
    {
      name: 'md0', status: 'active', raidLevel: 'raid1', usableSize: 104320,
      other: 'super 1.2', healthyDrives: '[2/2]', driveStatuses: '[UU]',
      resync: { progress: 'DELAYED', finish: '', speed: '' },
    },
    {
      // An inactive array: osquery takes its first member for the level and the last two config words as summaries.
      name: 'md127', status: 'inactive', raidLevel: 'sdf[0](S)', usableSize: 976631512,
      other: '', healthyDrives: 'super', driveStatuses: '1.2',
    },
  ]);
});

// The cases of osquery's md_tables_tests.cpp (ParseMDStatTest), joined into files.
const osqueryCases: Array<{ name: string; lines: string[]; check: (s: ReturnType<typeof parseMdstat>) => void }> = [
  {
    name: 'two arrays missing a drive each',
    lines: [
      'Personalities : [raid1] [raid10] [linear] [multipath] [raid0] [raid6] [raid5] [raid4]',
      'md1 : active raid10 sde2[4] sdd2[3] sdc2[6] sdb2[7] sda2[0]',
      '4687296000 blocks super 1.2 512K chunks 2 near-copies [6/5] [UUUUU_]',
      '',
      'md0 : active raid1 sde1[4] sdf1[5] sdd1[3] sdb1[1] sda1[0]',
      '248640 blocks super 1.2 [6/5] [UU_UUU]',
      '',
      'unused devices: <none>',
    ],
    check: (s) => {
      assert.deepEqual(s.devices.map((d) => [d.name, d.other, d.healthyDrives, d.driveStatuses]), [
        ['md1', 'super 1.2 512K chunks 2 near-copies', '[6/5]', '[UUUUU_]'],
        ['md0', 'super 1.2', '[6/5]', '[UU_UUU]'],
      ]);
    },
  },
  {
    name: 'a recovery, a reshape and a check',
    lines: [
      'Personalities : [raid1] [raid10]',
      'md1 : active raid10 sde2[4] sda2[0]',
      '4687296000 blocks super 1.2 512K chunks 2 near-copies [6/5] [UUUUU_]',
      '[>....................]  recovery =  0.0% (1021056/1562432000) finish=127.4min speed=204211K/sec',
      'md0 : active raid1 sde1[4] sda1[0]',
      '248640 blocks super 1.2 [6/5] [UU_UUU]',
      '[=>...................]  reshape =  5.1% (12/240) finish=1.0min speed=100K/sec',
      '[==>..................]  check = 10.0% (24/240) finish=2.0min speed=200K/sec',
      'bitmap: 0/234 pages [0KB], 512KB chunk, file: /var/md0-bitmap',
      'unused devices: sdz1',
    ],
    check: (s) => {
      assert.deepEqual(s.devices[0]?.recovery, { progress: '0.0% (1021056/1562432000)', finish: '127.4min', speed: '204211K/sec' });
      assert.deepEqual(s.devices[1]?.reshape, { progress: '5.1% (12/240)', finish: '1.0min', speed: '100K/sec' });
      assert.deepEqual(s.devices[1]?.checkArray, { progress: '10.0% (24/240)', finish: '2.0min', speed: '200K/sec' });
      assert.deepEqual(s.devices[1]?.bitmap, { onMem: '0/234 pages [0KB]', chunkSize: '512KB chunk', externalFile: '/var/md0-bitmap' });
      assert.equal(s.unused, 'sdz1');
    },
  },
  {
    name: 'unexpected lines become warnings',
    lines: ['Personalities : [raid1]', 'mdX', 'hello there', 'md0 : active raid1 sda1[0]', '12 blocks', '[==>...]  recovery = garbled'],
    check: (s) => {
      assert.deepEqual(s.warnings, [
        'Unexpected md device line structure: mdX',
        'Unexpected mdstat line: hello there',
        'Unexpected md device config: 12 blocks',
        'Unexpected recovery/resync line format: garbled',
      ]);
      assert.equal(s.devices[0]?.recovery, undefined);
    },
  },
  {
    name: 'no md module: an empty file',
    lines: [],
    check: (s) => assert.deepEqual(s, { personalities: [], devices: [], unused: '', warnings: [] }),
  },
];
for (const c of osqueryCases) {
  test(`parseMdstat handles ${c.name}`, () => c.check(parseMdstat(c.lines.join('\n'))));
}
