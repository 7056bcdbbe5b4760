import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { etcProtocolsTable, parseEtcProtocols } from './etc-protocols.js';
import { etcServicesTable, parseEtcServices } from './etc-services.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));

test('parseEtcProtocols reads the fixture as osquery: first alias only, comments re-joined, short lines skipped', () => {
  assert.deepEqual(parseEtcProtocols(readFileSync(`${root}/etc/protocols`, 'utf8')), [
    { name: 'ip', number: '0', alias: 'IP', comment: 'internet protocol, pseudo protocol number' },
    { name: 'tcp', number: '6', alias: 'TCP', comment: 'transmission control protocol' },
    { name: 'ipv6-icmp', number: '58', alias: 'IPv6-ICMP', comment: 'ICMP for IPv6' },
    { name: 'sctp', number: '132', alias: 'SCTP', comment: 'Stream Control # Transmission Protocol' },
    { name: 'mptcp', number: '262', alias: 'MPTCP' },
    { name: 'bad', number: 'x', alias: 'BAD', comment: 'not a number' },
  ]);
});

test('parseEtcServices reads the fixture as osquery: port/protocol split, aliases space-joined, malformed lines skipped', () => {
  assert.deepEqual(parseEtcServices(readFileSync(`${root}/etc/services`, 'utf8')), [
    { name: 'tcpmux', port: '1', protocol: 'tcp', aliases: '', comment: 'TCP port service multiplexer' },
    { name: 'echo', port: '7', protocol: 'tcp', aliases: '' },
    { name: 'discard', port: '9', protocol: 'udp', aliases: 'sink null' },
    { name: 'ssh', port: '22', protocol: 'tcp', aliases: '', comment: 'SSH Remote Login Protocol' },
    { name: 'http', port: '80', protocol: 'tcp', aliases: 'www', comment: 'WorldWideWeb HTTP # second part' },
    { name: 'kerberos', port: '88', protocol: 'udp', aliases: 'kerberos5 krb5 kerberos-sec', comment: 'Kerberos v5' },
  ]);
});

const emptyCases = ['', '\n\n', '# only a comment\n', 'lonely\n'];
for (const content of emptyCases) {
  test(`parseEtcProtocols and parseEtcServices give no rows for ${JSON.stringify(content)}`, () => {
    assert.deepEqual(parseEtcProtocols(content), []);
    assert.deepEqual(parseEtcServices(content), []);
  });
}

test('etc_protocols and etc_services read the fixture root', () => {
  assert.equal(runGenerator(etcProtocolsTable, { paths: { root } }).rows.length, 6);
  assert.equal(runGenerator(etcServicesTable, { paths: { root } }).rows.length, 6);
});

test('etc_protocols and etc_services give no rows without the files', () => {
  const bare = fileURLToPath(new URL('./testdata/prometheus', import.meta.url));
  assert.deepEqual(runGenerator(etcProtocolsTable, { paths: { root: bare } }), { rows: [], warnings: [] });
  assert.deepEqual(runGenerator(etcServicesTable, { paths: { root: bare } }), { rows: [], warnings: [] });
});

test('etc_protocols and etc_services have osquery column shapes on this host', () => {
  const protocols = runGenerator(etcProtocolsTable).rows;
  const services = runGenerator(etcServicesTable).rows;
  // netbase provides both files; a minimal image may lack them.
  if (existsSync('/etc/protocols')) assert.ok(protocols.some((r) => r.name === 'tcp' && r.number === '6'));
  if (existsSync('/etc/services')) assert.ok(services.some((r) => r.name === 'ssh' && r.port === '22'));
  assert.deepEqual(validateRows('etc_protocols', protocols, { name: 'NonEmptyString', number: 'NonNegativeInt', alias: 'String', comment: 'String' }), []);
  assert.deepEqual(
    validateRows('etc_services', services, { name: 'NonEmptyString', port: 'NonNegativeInt', protocol: /^(tcp|udp|sctp|ddp)$/, aliases: 'String', comment: 'String' }),
    [],
  );
});
