import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listJobsArguments, listUnitsWithSystemctl, parseListJobs, showArguments, type SystemctlRunner } from './systemctl-units.js';

const showOutput = [
  'Id=ssh.service',
  'Description=OpenBSD Secure Shell server',
  'LoadState=loaded',
  'ActiveState=active',
  'SubState=running',
  'FragmentPath=/lib/systemd/system/ssh.service',
  'UnitFileState=enabled',
  '',
  'Id=sys-devices-platform-serial8250-tty-ttyS1.device',
  'Description=/sys/devices/platform/serial8250/tty/ttyS1',
  'LoadState=loaded',
  'ActiveState=active',
  'SubState=plugged',
  'Following=dev-ttyS1.device',
  '',
  'Id=apt-daily.service',
  'Description=Daily apt download activities',
  'LoadState=loaded',
  'ActiveState=inactive',
  'SubState=dead',
  'FragmentPath=/lib/systemd/system/apt-daily.service',
  'UnitFileState=static',
  'User=_apt',
  'Job=412',
  'SourcePath=',
  '',
].join('\n');

test('listUnitsWithSystemctl maps systemctl show and list-jobs onto the ListUnits columns', () => {
  const calls: string[][] = [];
  const run: SystemctlRunner = (args) => {
    calls.push([...args]);
    return args[0] === 'show' ? { stdout: showOutput } : { stdout: '412 apt-daily.service start waiting\n' };
  };
  const units = listUnitsWithSystemctl(run);
  assert.deepEqual(calls, [[...showArguments], [...listJobsArguments]]);
  assert.ok(Array.isArray(units));
  assert.deepEqual(
    units.map((u) => [u.id, u.activeState, u.subState, u.following, u.unitFileState, u.jobId, u.jobType, u.jobPath, u.user, u.objectPath]),
    [
      ['ssh.service', 'active', 'running', '', 'enabled', 0, '', '/', '', '/org/freedesktop/systemd1/unit/ssh_2eservice'],
      ['sys-devices-platform-serial8250-tty-ttyS1.device', 'active', 'plugged', 'dev-ttyS1.device', '', 0, '', '/', '',
        '/org/freedesktop/systemd1/unit/sys_2ddevices_2dplatform_2dserial8250_2dtty_2dttyS1_2edevice'],
      ['apt-daily.service', 'inactive', 'dead', '', 'static', 412, 'start', '/org/freedesktop/systemd1/job/412', '_apt',
        '/org/freedesktop/systemd1/unit/apt_2ddaily_2eservice'],
    ],
  );
});

test('listUnitsWithSystemctl returns the error when systemctl fails', () => {
  assert.equal(listUnitsWithSystemctl(() => ({ error: 'Failed to connect to bus: Host is down' })), 'Failed to connect to bus: Host is down');
});

test('parseListJobs ignores legends and malformed lines', () => {
  assert.deepEqual([...parseListJobs('JOB UNIT TYPE STATE\n7 a.service stop running\n\nNo jobs running.\n')], [[7, 'stop']]);
});
