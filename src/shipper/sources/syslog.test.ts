import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { lookupService } from 'node:dns';
import { connect } from 'node:net';
import { test } from 'node:test';
import { createShipHarness } from '../testing/ship-harness.js';
import type { SyslogTarget } from './syslog.js';
import { parseRfc3164, parseRfc5424 } from './syslog-parse.js';

// promtail's own syslog target test messages.
const messages = [
  '<165>1 2018-10-11T22:14:15.003Z host5 e - id1 [custom@32473 exkey="1"] An application event log entry...',
  '<165>1 2018-10-11T22:14:15.005Z host5 e - id2 [custom@32473 exkey="2"] An application event log entry...',
  '<165>1 2018-10-11T22:14:15.007Z host5 e - id3 [custom@32473 exkey="3"] An application event log entry...',
];

const relabel = `
  relabel_configs:
    - {source_labels: ['__syslog_message_severity'], target_label: 'severity'}
    - {source_labels: ['__syslog_message_facility'], target_label: 'facility'}
    - {source_labels: ['__syslog_message_hostname'], target_label: 'hostname'}
    - {source_labels: ['__syslog_message_app_name'], target_label: 'app_name'}
    - {source_labels: ['__syslog_message_proc_id'], target_label: 'proc_id'}
    - {source_labels: ['__syslog_message_msg_id'], target_label: 'msg_id'}
    - {source_labels: ['__syslog_message_sd_custom_32473_exkey'], target_label: 'sd_custom_exkey'}`;

const transports = [
  { name: 'TCP with newline framing', protocol: 'tcp', frame: (s: string) => `${s}\n` },
  { name: 'TCP with octet counting', protocol: 'tcp', frame: (s: string) => `${Buffer.byteLength(s)} ${s}` },
  { name: 'UDP', protocol: 'udp', frame: (s: string) => s },
] as const;

for (const tr of transports) {
  test(`SyslogTarget receives RFC 5424 over ${tr.name} with promtail's labels`, async (t) => {
    const h = await createShipHarness();
    t.after(() => h.close());
    const shipper = await h.start(
      h.config(`- job_name: syslog
  syslog:
    listen_address: 127.0.0.1:0
    listen_protocol: ${tr.protocol}
    label_structured_data: yes
    use_incoming_timestamp: true
    labels: {test: syslog_target}${relabel}`),
    );
    const { port } = await (shipper.sources[0] as SyslogTarget).address();
    if (tr.protocol === 'udp') {
      const sock = createSocket('udp4');
      for (const m of messages) await new Promise<void>((r) => sock.send(tr.frame(m), port, '127.0.0.1', () => r()));
      sock.close();
    } else {
      const sock = connect(port, '127.0.0.1');
      await new Promise<void>((r) => sock.once('connect', () => r()));
      sock.end(messages.map(tr.frame).join(''));
    }
    await h.loki.waitForLines(3);
    const entries = h.loki.accepted.flatMap((p) => p.streams.flatMap((s) => s.entries.map((e) => ({ labels: s.labels, ...e }))));
    entries.sort((a, b) => (a.tsNs < b.tsNs ? -1 : 1));
    assert.equal(entries[0]?.labels, '{app_name="e", facility="local4", hostname="host5", msg_id="id1", sd_custom_exkey="1", severity="notice", test="syslog_target"}');
    assert.equal(entries[0]?.line, 'An application event log entry...');
    assert.equal(entries[0]?.tsNs, 1539296055003000000n);
    assert.deepEqual(entries.map((e) => e.labels.match(/msg_id="(\w+)"/)?.[1]), ['id1', 'id2', 'id3']);
  });
}

test('SyslogTarget reads RFC 3164 over TCP and counts messages that do not parse', async (t) => {
  const h = await createShipHarness();
  t.after(() => h.close());
  const shipper = await h.start(
    h.config(`- job_name: bsd
  syslog: {listen_address: 127.0.0.1:0, syslog_format: rfc3164, labels: {job: bsd}}
  relabel_configs:
    - {source_labels: ['__syslog_message_app_name'], target_label: 'app'}
    - {source_labels: ['__syslog_message_proc_id'], target_label: 'pid'}
    - {source_labels: ['__syslog_connection_hostname'], target_label: 'peer'}
    - {source_labels: ['__syslog_connection_ip_address'], target_label: 'ip'}`),
  );
  const { port } = await (shipper.sources[0] as SyslogTarget).address();
  const sock = connect(port, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.end('garbage without priority\n<38>Oct 11 22:14:15 mymachine sshd[4242]: Accepted publickey for root\n');
  await h.loki.waitForLines(1);
  // The peer's name as getnameinfo gives it (promtail: net.LookupAddr).
  const peer = await new Promise<string>((resolve) => lookupService('127.0.0.1', 0, (err, name) => resolve(err || name === '127.0.0.1' ? '' : name)));
  const peerLabel = peer ? `, peer="${peer}"` : '';
  assert.equal(h.loki.accepted[0]?.streams[0]?.labels, `{app="sshd", ip="127.0.0.1", job="bsd"${peerLabel}, pid="4242"}`);
  assert.deepEqual(h.loki.acceptedLines(), ['Accepted publickey for root']);
  const metrics = await shipper.registry.getSingleMetric('promtail_syslog_target_parsing_errors_total')?.get();
  assert.equal(metrics?.values[0]?.value, 1);
});

const parseCases = [
  {
    name: 'RFC 5424 with nil values and escaped SD',
    parse: () => parseRfc5424('<14>1 - - - - - [a b="x\\"y\\]z"] \ufeffhello'),
    want: { facility: 1, severity: 6, tsNs: undefined, hostname: undefined, appName: undefined, procId: undefined, msgId: undefined, structuredData: { a: { b: 'x"y]z' } }, message: 'hello' },
  },
  {
    name: 'RFC 5424 with a numeric offset and no message',
    parse: () => parseRfc5424('<0>1 2003-10-11T22:14:15.1+02:00 h a 1 m -'),
    want: { facility: 0, severity: 0, tsNs: 1065903255100000000n, hostname: 'h', appName: 'a', procId: '1', msgId: 'm', structuredData: undefined, message: '' },
  },
  {
    name: 'RFC 3164 in January dated December is last year',
    parse: () => parseRfc3164('<13>Dec 31 23:59:59 host app: bye', new Date(Date.UTC(2026, 0, 1))),
    want: { facility: 1, severity: 5, tsNs: BigInt(Date.UTC(2025, 11, 31, 23, 59, 59)) * 1_000_000n, hostname: 'host', appName: 'app', procId: undefined, message: 'bye' },
  },
];
for (const c of parseCases) {
  test(`syslog parse: ${c.name}`, () => assert.deepEqual({ ...c.parse() }, c.want));
}

test('syslog parse refuses a message without priority', () => {
  assert.throws(() => parseRfc5424('hello'), /expecting a priority value/);
});
