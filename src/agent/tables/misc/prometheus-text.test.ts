import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePrometheusText } from './prometheus-text.js';
import { readPrometheusPlan } from './prometheus-targets.js';

const exporter = readFileSync(fileURLToPath(new URL('./testdata/prometheus/node-exporter.txt', import.meta.url)), 'utf8');

test('parsePrometheusText reads every sample of the fixture with its labels, skipping comments and malformed lines', () => {
  assert.deepEqual(parsePrometheusText(exporter), [
    { name: 'go_gc_duration_seconds{quantile="0"}', value: '2.8456e-05' },
    { name: 'go_gc_duration_seconds{quantile="0.5"}', value: '4.1502e-05' },
    { name: 'go_gc_duration_seconds_sum', value: '0.012437653' },
    { name: 'go_gc_duration_seconds_count', value: '271' },
    { name: 'node_filesystem_avail_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"}', value: '8.5563133952e+10' },
    { name: 'node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run/user/1000"}', value: '1.652940800e+09' },
    {
      name: 'node_uname_info{domainname="(none)",machine="x86_64",nodename="web-1",release="6.1.0-21-amd64",sysname="Linux",version="#1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03)"}',
      value: '1',
    },
    { name: 'process_start_time_seconds', value: '1.71700000087e+09' },
    { name: 'http_requests_total{method="post",code="200"}', value: '1027' },
    { name: 'http_requests_total{method="post",code="400"}', value: '3' },
    { name: 'weird_label{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\"",brace="}"}', value: '1.458255915e9' },
    { name: 'node_load1', value: '0.21' },
    { name: 'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""}', value: '1.458255915e9' },
    { name: 'indented_metric', value: '42' },
    { name: 'rpc_duration_seconds{quantile="0.99"}', value: 'NaN' },
    { name: 'metric_plus_inf', value: '+Inf' },
  ]);
});

const lineCases: Array<[string, string, string] | [string, undefined]> = [
  ['process_virtual_memory_bytes 1.3934592e+07', 'process_virtual_memory_bytes', '1.3934592e+07'],
  ['process_virtual_memory_bytes   1.3934592e+07  ', 'process_virtual_memory_bytes', '1.3934592e+07'],
  ['up{job="x"} 1 1700000000000', 'up{job="x"}', '1'],
  ['metric_without_value', undefined],
  ['up{job="unterminated 1', undefined],
  ['up 1 2 3', undefined],
  ['9metric 1', undefined],
];
for (const [line, name, value] of lineCases) {
  test(`parsePrometheusText(${JSON.stringify(line)}) ${name === undefined ? 'skips the line' : `reads ${name} = ${value}`}`, () => {
    assert.deepEqual(parsePrometheusText(line), name === undefined ? [] : [{ name, value }]);
  });
}

const planCases: Array<[string, unknown, ReturnType<typeof readPrometheusPlan>]> = [
  ['no prometheus_targets key', undefined, { warning: 'Could not load prometheus_targets root key: prometheus_targets' }],
  ['a key without urls', { timeout: 3 }, { warning: 'Configuration for prometheus_targets is missing field: urls' }],
  ['urls and a timeout', { urls: ['http://b/metrics', 'http://a/metrics', 'http://b/metrics', 7], timeout: 3 }, { urls: ['http://a/metrics', 'http://b/metrics'], timeoutMs: 3000 }],
  ['urls without a timeout (1 s)', { urls: [] }, { urls: [], timeoutMs: 1000 }],
];
for (const [name, value, expected] of planCases) {
  test(`readPrometheusPlan with ${name}`, () => assert.deepEqual(readPrometheusPlan(value), expected));
}
