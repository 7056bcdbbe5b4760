import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from '../table.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { createProtocolTable } from './ip-protocols.js';
import { createIptablesGenerator, iptablesTable } from './iptables.js';
import { buildIptablesRows } from './iptables-rows.js';
import { formatInterfaceMask, formatPortRange, parseAddress, parseRuleColumns } from './iptables-rule.js';
import { parseIptablesSave, splitSaveWords } from './iptables-save-parser.js';

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));
// Only iptables' built-in names plus gre, so the result does not depend on this host's /etc/protocols.
const protocols = createProtocolTable('gre\t47\tGRE\t\t# General Routing Encapsulation\n');

/** Rows of an iptables-save capture (testdata/iptables-rules.sh in a fresh network namespace, then `iptables-save -c`). */
function rowsOf(capture: string): Row[] {
  return buildIptablesRows(parseIptablesSave(readFileSync(testdata(capture), 'utf8')), protocols);
}

for (const backend of ['legacy', 'nft'] as const) {
  test(`iptables rows of a real iptables-${backend}-save -c capture match the golden file`, () => {
    const rows = rowsOf(`iptables-save-${backend}.txt`);
    const golden = testdata(`iptables-save-${backend}.rows.json`);
    const text = '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    assert.equal(text, readFileSync(golden, 'utf8'));
  });
}

test('iptables rows of the legacy capture follow osquery: rules then the chain, chain counters on every row', () => {
  const rows = rowsOf('iptables-save-legacy.txt');
  assert.deepEqual([...new Set(rows.map((r) => r.filter_name))], ['mangle', 'nat', 'filter']);
  const output = rows.filter((r) => r.filter_name === 'filter' && r.chain === 'OUTPUT');
  // The rule matched 6 packets, but osquery reports the chain's policy counters on rule rows too.
  assert.deepEqual(output.map((r) => [r.target ?? null, r.packets, r.bytes]), [['ACCEPT', '6', '504'], [null, '6', '504']]);
  assert.deepEqual(output[1], { filter_name: 'filter', chain: 'OUTPUT', policy: 'ACCEPT', packets: '6', bytes: '504' });
  const logdrop = rows.filter((r) => r.chain === 'LOGDROP');
  assert.deepEqual(logdrop.map((r) => [r.target ?? null, r.policy, r.packets]), [['LOG', '', '0'], ['DROP', '', '0'], [null, '', '0']]);
  assert.deepEqual(validateRows('iptables', rows, {
    filter_name: 'NonEmptyString', chain: 'NonEmptyString', policy: /^(|ACCEPT|DROP)$/, protocol: /^(|!?\d+)$/,
    src_port: /^(|\d+:\d+)$/, dst_port: /^(|\d+:\d+)$/, src_ip: /^(|!?\d+\.\d+\.\d+\.\d+)$/, src_mask: /^(|\d+\.\d+\.\d+\.\d+)$/,
    iniface_mask: /^(FF)*$/, outiface_mask: /^(FF)*$/, match: /^(|yes)$/, packets: 'NonNegativeInt', bytes: 'NonNegativeInt',
  }), []);
});

test('iptables rows of the nf_tables capture have the same rules as the legacy one', () => {
  const ruleKey = (r: Row): string => JSON.stringify({ ...r, packets: undefined, bytes: undefined });
  const rules = (capture: string): string[] => rowsOf(capture).filter((r) => r.target !== undefined).map(ruleKey).sort();
  assert.deepEqual(rules('iptables-save-nft.txt'), rules('iptables-save-legacy.txt'));
});

const ruleCases: Array<{ rule: string; expected: Partial<Record<string, string>> }> = [
  { rule: '-i lo -j ACCEPT', expected: { iniface: 'lo', iniface_mask: 'FFFFFF', outiface: 'all', outiface_mask: '', protocol: '0', src_port: '', target: 'ACCEPT', match: 'yes' } },
  { rule: '-s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT', expected: { src_ip: '10.0.0.0', src_mask: '255.0.0.0', dst_ip: '0.0.0.0', dst_mask: '0.0.0.0', protocol: '6', src_port: '0:65535', dst_port: '22:22' } },
  { rule: '! -s 192.168.1.0/24 -d 172.16.5.4/32 -p tcp -m tcp --sport 1024:65535 --dport 8000:8080 -j web-in', expected: { src_ip: '!192.168.1.0', src_mask: '255.255.255.0', dst_ip: '172.16.5.4', dst_mask: '255.255.255.255', src_port: '1024:65535', dst_port: '8000:8080', target: 'web-in' } },
  { rule: '-s 10.1.0.0/255.255.0.255 -i eth+ ! -o docker0 -j LOGDROP', expected: { src_mask: '255.255.0.255', iniface: 'eth+', iniface_mask: 'FFFFFF', outiface: '!docker0', outiface_mask: 'FFFFFFFFFFFFFFFF' } },
  { rule: '! -p udp -j RETURN', expected: { protocol: '!17', src_port: '0:65535', dst_port: '0:65535' } },
  { rule: '-p tcp -m multiport --dports 80,443 -m tcp --dport 8443 -j ACCEPT', expected: { dst_port: '8443:8443' } },
  { rule: '-p udp -m udp --sport 53 -m udp --dport 99 -j ACCEPT', expected: { src_port: '53:53', dst_port: '0:65535' } },
  { rule: '-p tcp -m tcp ! --dport 25 -g web-in', expected: { dst_port: '25:25', target: 'web-in' } },
  { rule: '-p tcp -m comment --comment -j -m tcp --dport 1 -j DROP', expected: { dst_port: '1:1', target: 'DROP' } },
  { rule: '-p gre -j ACCEPT', expected: { protocol: '47', src_port: '', dst_port: '' } },
  { rule: '-p 132 -j ACCEPT', expected: { protocol: '132' } },
  { rule: '-d 127.0.0.1/32', expected: { dst_ip: '127.0.0.1', target: '' } },
  { rule: '-s ! 10.0.0.1 -j DROP', expected: { src_ip: '!10.0.0.1', src_mask: '255.255.255.255' } },
  { rule: '-i averyveryverylongname -j DROP', expected: { iniface_mask: 'FF'.repeat(16) } },
];

for (const c of ruleCases) {
  test(`parseRuleColumns: ${c.rule}`, () => {
    const row = parseRuleColumns(splitSaveWords(c.rule), protocols) as unknown as Record<string, string>;
    for (const [column, value] of Object.entries(c.expected)) assert.equal(row[column], value, column);
  });
}

test('splitSaveWords undoes iptables-save quoting', () => {
  assert.deepEqual(splitSaveWords('-m comment --comment "allow \\"quoted\\" admin"  -j LOG --log-prefix "dropped: "'),
    ['-m', 'comment', '--comment', 'allow "quoted" admin', '-j', 'LOG', '--log-prefix', 'dropped: ']);
  assert.deepEqual(splitSaveWords('--comment ""'), ['--comment', '']);
});

test('formatPortRange, parseAddress and formatInterfaceMask give libiptc\'s forms', () => {
  assert.deepEqual(['22', '1:2', '1024:', ':80'].map(formatPortRange), ['22:22', '1:2', '1024:65535', '0:80']);
  assert.deepEqual(parseAddress(''), { ip: '0.0.0.0', mask: '0.0.0.0' });
  assert.deepEqual(parseAddress('0.0.0.0/0'), { ip: '0.0.0.0', mask: '0.0.0.0' });
  assert.deepEqual(parseAddress('10.128.0.0/9'), { ip: '10.128.0.0', mask: '255.128.0.0' });
  assert.deepEqual(['', 'lo', 'eth+', '+'].map(formatInterfaceMask), ['', 'FFFFFF', 'FFFFFF', '']);
});

test('parseIptablesSave skips comments and declares chains a rule names without a header', () => {
  const tables = parseIptablesSave('# Warning: iptables-legacy tables present\n*raw\n:PREROUTING ACCEPT [1:2]\n[3:4] -A PREROUTING -j CT --notrack\n-A EXTRA -j RETURN\nCOMMIT\n');
  assert.deepEqual(tables, [{
    name: 'raw',
    chains: [
      { name: 'PREROUTING', policy: 'ACCEPT', packets: '1', bytes: '2', rules: [['-j', 'CT', '--notrack']] },
      { name: 'EXTRA', policy: '-', packets: '0', bytes: '0', rules: [['-j', 'RETURN']] },
    ],
  }]);
});

test('createProtocolTable reads names and aliases of /etc/protocols', () => {
  const table = createProtocolTable('# comment\nip\t0\tIP\nipv6-icmp 58 IPv6-ICMP\nospf\t89\tOSPFIGP\n');
  assert.equal(table.get('ospf'), 89);
  assert.equal(table.get('ospfigp'), 89);
  assert.equal(table.get('tcp'), 6);
  assert.equal(table.get('all'), 0);
});

/** An executable script in a temporary directory, for the generator's command. */
function withScript(body: string, fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-iptables-'));
  try {
    const path = join(dir, 'iptables-save');
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the iptables generator runs iptables-save -c and parses its output', () => {
  withScript(`[ "$1" = "-c" ] || exit 2\ncat '${testdata('iptables-save-legacy.txt')}'`, (command) => {
    const { rows, warnings } = runGenerator({ ...iptablesTable, generate: createIptablesGenerator({ commands: [command] }) });
    assert.deepEqual(warnings, []);
    assert.equal(rows.length, rowsOf('iptables-save-legacy.txt').length);
    assert.ok(rows.some((r) => r.chain === 'web-in' && r.target === 'REJECT'));
  });
});

test('the iptables generator gives no rows and one warning when iptables-save fails', () => {
  withScript('echo "iptables-save v1.8.9 (legacy): Cannot initialize: Permission denied (you must be root)" >&2\nexit 1', (command) => {
    const { rows, warnings } = runGenerator({ ...iptablesTable, generate: createIptablesGenerator({ commands: [command] }) });
    assert.deepEqual(rows, []);
    assert.deepEqual(warnings, [`${command} -c failed: iptables-save v1.8.9 (legacy): Cannot initialize: Permission denied (you must be root)`]);
  });
});

test('the iptables generator gives up on an iptables-save that hangs', () => {
  withScript('exec sleep 10', (command) => {
    const { rows, warnings } = runGenerator({ ...iptablesTable, generate: createIptablesGenerator({ commands: [command], timeoutMs: 200 }) });
    assert.deepEqual(rows, []);
    assert.deepEqual(warnings, [`${command} -c failed: no answer within 200 ms`]);
  });
});

test('the iptables generator gives no rows and one warning without iptables-save', () => {
  const missing = ['/nonexistent/sbin/iptables-save', '/nonexistent/bin/iptables-save'];
  const { rows, warnings } = runGenerator({ ...iptablesTable, generate: createIptablesGenerator({ commands: missing }) });
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, ['iptables-save not found (/nonexistent/sbin/iptables-save, /nonexistent/bin/iptables-save): the iptables table is empty']);
});

test('iptables on this host: rows with osquery shapes when iptables-save exists, else one warning', () => {
  const { rows, warnings } = runGenerator(iptablesTable);
  const installed = ['/usr/sbin/iptables-save', '/sbin/iptables-save'].some((c) => existsSync(c));
  if (!installed) {
    assert.deepEqual(rows, []);
    assert.equal(warnings.length, 1);
    return;
  }
  assert.ok(warnings.length <= 1);
  assert.deepEqual(validateRows('iptables', rows, {
    filter_name: 'NonEmptyString', chain: 'NonEmptyString', src_port: /^(|\d+:\d+)$/, dst_port: /^(|\d+:\d+)$/,
    packets: 'NonNegativeInt', bytes: 'NonNegativeInt', match: /^(|yes)$/,
  }), []);
});

test('iptables through the real iptables-save, in a fresh network namespace with two rules', (t) => {
  const installed = ['/usr/sbin/iptables-save', '/sbin/iptables-save'].find((c) => existsSync(c));
  const canUnshare = installed !== undefined && spawnSync('unshare', ['-n', 'true']).status === 0;
  if (!canUnshare) {
    t.skip('needs iptables-save and unshare -n (root)');
    return;
  }
  const iptables = installed.replace(/-save$/, '');
  const rules = `${iptables} -N web-in && ${iptables} -A INPUT -i lo -p tcp --dport 8080 -j web-in && ${iptables} -A web-in -j ACCEPT`;
  withScript(`exec unshare -n sh -c '${rules} && exec ${installed} "$@"' sh "$@"`, (command) => {
    const { rows, warnings } = runGenerator({ ...iptablesTable, generate: createIptablesGenerator({ commands: [command] }) });
    assert.deepEqual(warnings, []);
    const rule = rows.find((r) => r.filter_name === 'filter' && r.chain === 'INPUT' && r.target === 'web-in');
    assert.deepEqual(rule && [rule.protocol, rule.iniface, rule.iniface_mask, rule.src_port, rule.dst_port, rule.policy], ['6', 'lo', 'FFFFFF', '0:65535', '8080:8080', 'ACCEPT']);
    assert.deepEqual(rows.filter((r) => r.chain === 'web-in').map((r) => r.target ?? null), ['ACCEPT', null]);
  });
});
