import { testSqlCases, type SqlCase } from './sql-cases.js';

// osquery/sql/tests/sqlite_network_tests.cpp, docs/wiki/introduction/sql.md,
// glibc inet_pton and boost::asio::ip network_v4/v6::hosts().
const atonCases: SqlCase[] = [
  { name: 'inet_aton: Fleet usage', sql: "select inet_aton('192.168.0.1')", row: ['3232235521'] },
  { name: 'inet_aton: doc example and the extremes', sql: "select inet_aton('1.0.1.5'), inet_aton('0.0.0.0'), inet_aton('255.255.255.255')", row: ['16777477', '0', '4294967295'] },
  { name: 'inet_aton: IPv6 and malformed addresses give NULL', sql: "select inet_aton('::1'), inet_aton('1.2.3'), inet_aton('01.2.3.4'), inet_aton('256.1.1.1'), inet_aton(' 1.2.3.4'), inet_aton('1.2.3.4.')", row: [null, null, null, null, null, null] },
  { name: 'inet_aton: NULL and numbers', sql: 'select inet_aton(NULL), inet_aton(16777477)', row: [null, null] },
];

const cidrCases: SqlCase[] = [
  { sql: "select in_cidr_block('10.0.0.0/26', '10.0.0.24')", row: ['1'] },
  { sql: "select in_cidr_block('198.51.100.14/24', '198.51.100.14')", row: ['1'] },
  { sql: "select in_cidr_block('2a00:a040:019e:f12a:0000:0000:0000:0000/64', '2a00:a040:19e:f12a:658b:3589:b2ba:71a3')", row: ['1'] },
  { sql: "select in_cidr_block('2001:db8::/48', '2001:db8:0:ffff:ffff:ffff:ffff:ffff')", row: ['1'] },
  { name: 'in_cidr_block: outside the block', sql: "select in_cidr_block('10.0.0.0/26', '10.0.0.64'), in_cidr_block('2001:db8::/48', '2001:db8:1::1')", row: ['0', '0'] },
  { name: 'in_cidr_block: IPv4 hosts exclude network and broadcast', sql: "select in_cidr_block('192.168.0.0/24', '192.168.0.0'), in_cidr_block('192.168.0.0/24', '192.168.0.255'), in_cidr_block('192.168.0.0/24', '192.168.0.1'), in_cidr_block('192.168.0.0/24', '192.168.0.254')", row: ['0', '0', '1', '1'] },
  { name: 'in_cidr_block: /32 holds its address, /31 holds nothing', sql: "select in_cidr_block('10.0.0.1/32', '10.0.0.1'), in_cidr_block('10.0.0.0/31', '10.0.0.0'), in_cidr_block('10.0.0.0/31', '10.0.0.1'), in_cidr_block('255.255.255.255/32', '255.255.255.255')", row: ['1', '0', '0', '0'] },
  { name: 'in_cidr_block: /0', sql: "select in_cidr_block('0.0.0.0/0', '8.8.8.8'), in_cidr_block('0.0.0.0/0', '0.0.0.0')", row: ['1', '0'] },
  { name: 'in_cidr_block: IPv6 ranges include both ends unless they wrap', sql: "select in_cidr_block('2001:db8::/32', '2001:db8::'), in_cidr_block('2001:db8::/32', '2001:db9::'), in_cidr_block('::/0', '::1'), in_cidr_block('ffff::/16', 'ffff::1')", row: ['1', '0', '0', '0'] },
  { name: 'in_cidr_block: IPv4-mapped IPv6', sql: "select in_cidr_block('::ffff:0:0/96', '::ffff:10.0.0.1')", row: ['1'] },
  { name: 'in_cidr_block: non-text CIDR', sql: "select in_cidr_block(1, '1.2.3.4')", error: 'CIDR must be a string' },
  { name: 'in_cidr_block: NULL address', sql: "select in_cidr_block('10.0.0.0/8', NULL)", error: 'IP address must be a string' },
  { name: 'in_cidr_block: bad address', sql: "select in_cidr_block('10.0.0.0/8', '10.0.0')", error: 'IP address cannot be parsed' },
  { name: 'in_cidr_block: CIDR without a prefix', sql: "select in_cidr_block('10.0.0.0', '10.0.0.1')", error: 'CIDR for IP address v4 cannot be parsed' },
  { name: 'in_cidr_block: prefix too long', sql: "select in_cidr_block('10.0.0.0/33', '10.0.0.1')", error: 'CIDR for IP address v4 cannot be parsed' },
  { name: 'in_cidr_block: family mismatch', sql: "select in_cidr_block('10.0.0.0/8', '::1')", error: 'CIDR for IP address v6 cannot be parsed' },
];

testSqlCases('inet_aton', atonCases);
testSqlCases('in_cidr_block', cidrCases);
