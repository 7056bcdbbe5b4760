import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { parseIniTree } from './ini-tree.js';
import { parseYumFile, yumSourcesTable } from './yum-sources.js';

const root = join(import.meta.dirname, 'testdata/host');

test('parseIniTree fails where boost read_ini throws', () => {
  for (const text of ['[a', 'key', '=value', '[a]\nk=1\n[a]\nk=2', '[a]\nk=1\nk=2']) {
    assert.equal(parseIniTree(text), undefined, JSON.stringify(text));
  }
  assert.deepEqual(parseIniTree('top = 1\n; c\n[empty]\n[empty]\nk=v\n[last]'), [
    { name: 'top', value: '1', keys: [] },
    { name: 'empty', value: '', keys: [['k', 'v']] },
  ]);
});

test('parseYumFile reads reposdir from [main] and keeps only the table columns', () => {
  assert.deepEqual(parseYumFile('[main]\nreposdir=/srv/repos\n[r]\nname=R\npriority=2\n'), { reposDir: '/srv/repos', repos: [{ name: 'R' }] });
});

test('yum_sources lists yum.conf repositories, then each *.repo, skipping files read_ini rejects', () => {
  const { rows } = runGenerator(yumSourcesTable, { paths: { root } });
  assert.deepEqual(rows, [
    { name: 'Repo declared in yum.conf', baseurl: 'http://conf.example.com/repo', source: '/etc/yum.conf', pid_with_namespace: 0 },
    {
      name: 'Base OS', baseurl: 'http://mirror.example.com/base/$releasever/', enabled: '1', gpgcheck: '1',
      gpgkey: 'file:///etc/pki/rpm-gpg/RPM-GPG-KEY', source: '/etc/yum.repos.d/base.repo', pid_with_namespace: 0,
    },
    {
      name: 'Updates', mirrorlist: 'http://mirrors.example.com/?repo=updates', metalink: 'https://mirrors.example.com/metalink?repo=updates',
      enabled: '0', source: '/etc/yum.repos.d/base.repo', pid_with_namespace: 0,
    },
  ]);
});

test('yum_sources returns nothing without yum and warns on pid_with_namespace', () => {
  assert.deepEqual(runGenerator(yumSourcesTable, { paths: { root: join(import.meta.dirname, 'testdata/kernel') } }).rows, []);
  const { rows, warnings } = runGenerator(yumSourcesTable, { paths: { root }, constraints: { pid_with_namespace: [{ op: '=', value: 1 }] } });
  assert.deepEqual([rows.length, warnings.length], [0, 1]);
});

test('yum_sources live rows have osquery column shapes', () => {
  const { rows } = runGenerator(yumSourcesTable);
  assert.deepEqual(validateRows('yum_sources', rows, { source: 'NonEmptyString', name: 'String', baseurl: 'String', enabled: 'String' }), []);
});
