import { testSqlCases, type SqlCase } from './sql-cases.js';

// osquery/sql/tests/sql.cpp: test_version_compare, plus the test_collate_version*
// cases, which use the same comparison (COLLATE VERSION_ARCH is flavour 'ARCH',
// and so on): '=' expects 0, '<' expects -1, '>' expects 1.
const direct: SqlCase[] = [
  {
    sql: "select version_compare('1.0', '1.0'), version_compare('1:2.0-10', '1:2.0-10', 'DPKG'), version_compare('4:1.1.0', '4:1.1.0-3', 'arCH'), version_compare('50.4.1b', '50.4.1c'), version_compare('1.0.8-4', '1.0.8-6', 'arch'), version_compare('1.0.0~rc2^2021', '1.0.0', 'RHEL')",
    row: ['0', '0', '0', '-1', '-1', '-1'],
  },
  {
    sql: "select version_compare('1.1.0~BETA2^1', '1.1.0~CR1', 'RhEl'), version_compare('1.0.1.1', '1.0.1^2021', 'rhel'), version_compare('1.9.9-1ubuntu2.4', '1.9.9-1ubuntu2.3', 'dpkg'), version_compare('1:1.2.13-2', '4.2.1', 'ARCH'), version_compare('106.32.1', '106:32.1')",
    row: ['-1', '1', '1', '1', '0'],
  },
  { name: 'version_compare: a longer segment is greater', sql: "select version_compare('1.10', '1.9'), version_compare('1.10.0', '1.9.0'), version_compare('1.2', '1.10')", row: ['1', '1', '-1'] },
  { name: 'version_compare: empty versions sort first', sql: "select version_compare('', ''), version_compare('', '1'), version_compare('1', '')", row: ['0', '-1', '1'] },
  { name: 'version_compare: one argument', sql: "select version_compare('1')", error: 'Must provide two version strings to compare.' },
  { name: 'version_compare: non-text version', sql: "select version_compare(1, '1')", error: 'Must provide two version strings to compare.' },
  { name: 'version_compare: NULL version', sql: "select version_compare('1', NULL)", error: 'Must provide two version strings to compare.' },
  { name: 'version_compare: non-text flavour', sql: "select version_compare('1', '1', 2)", error: 'The optional third parameter is not a string.' },
  { name: 'version_compare: unknown flavour', sql: "select version_compare('1', '1', 'RPM')", error: 'The optional third parameter does not match one of: (ARCH, DPKG, RHEL).' },
];

type Op = '=' | '<' | '>';
const expected: Record<Op, string> = { '=': '0', '<': '-1', '>': '1' };

/** Builds one case from a collation test line: [left, op, right]. */
function collationCases(flavor: string, pairs: ReadonlyArray<readonly [string, Op, string]>): SqlCase[] {
  const arg = flavor === '' ? '' : `, '${flavor}'`;
  return pairs.map(([l, op, r]) => ({
    name: `version_compare('${l}', '${r}'${arg}) matches '${l}' ${op} '${r}' collate version${flavor ? '_' + flavor.toLowerCase() : ''}`,
    sql: `select version_compare('${l}', '${r}'${arg})`,
    row: [expected[op]],
  }));
}

const plain = collationCases('', [
  ['1.0', '=', '1.0'], ['1:0.0', '=', '1.0.0'], ['2.50^1a', '=', '2.50~1a'],
  ['1.0', '<', '1.1'], ['1.1', '<', '1.a'], ['50.4.1b', '<', '50.4.1c'], ['1.0.0', '<', '1.0.0-2'], ['1.0.0-2', '<', '1:0.0.3'], ['1.12.1', '<', '1.13'],
  ['1.1', '>', '1.0'], ['190.10a', '>', '20.10a'], ['20.10a', '>', '20.102'], ['57:4', '>', '6.87.5'], ['98.100.21-1b', '>', '98.100.21-1a'], ['8.11', '>', '8.10.24'],
]);
const arch = collationCases('ARCH', [
  ['1.0', '=', '1.0'], ['1.0', '=', '1.0-4'], ['4:2', '=', '4:2-1'],
  ['1.0', '<', '1.1'], ['1.6.1-9', '<', '1.6.1-10'], ['20220713-1', '<', '20221123-1'], ['2-2pre', '<', '2-2rc'], ['2.38-6', '<', '2.39-4'],
  ['1.0.8-4', '<', '1.0.8-5'], ['20210603-1', '<', '20220905-1'], ['41.1-2', '<', '43alpha+r8+g1de47dbc-1'], ['9.1-1', '<', '9.1-3'],
  ['1:42.3.1-1', '<', '1:43.2-1'], ['42.3-1', '<', '43.2-1'],
  ['1.1', '>', '1.0'], ['3.46.7-1', '>', '3.44.1-1'], ['6.0.12.arch1-1', '>', '5.18.14.arch1-1'], ['5.6.0-2', '>', '5.3.0-2'], ['6.0.2-5', '>', '6.0.1-5'],
  ['3:0.164.r3095.baee400-4', '>', '3:0.164.r3081.19856cc-2'], ['2022.2-1', '>', '2022.1-1'], ['5.2.9-1', '>', '5.2.5-3'], ['42.2-1', '>', '42.1-2'],
  ['0.23.90-1', '>', '0.23.1-9'], ['1:1.2.13-2', '>', '4.2.1'],
]);
const dpkg = collationCases('DPKG', [
  ['1.0', '=', '1.0'], ['1.0-0', '=', '1.0-0'], ['1:2.0-10', '=', '1:2.0-10'],
  ['1.0', '<', '1.1'], ['22.07.5-2ubuntu1.3', '<', '22.07.5-2ubuntu1.4'], ['12ubuntu4.2', '<', '12ubuntu4.3'], ['2.38-4ubuntu2.1', '<', '2.38-4ubuntu2.2'],
  ['1.19.2-2ubuntu0.1', '<', '1.19.2-2ubuntu0.2'], ['2.5.13+dfsg-0ubuntu0.22.04.1', '<', '2.5.14+dfsg-0ubuntu0.22.04.2'],
  ['1.1', '>', '1.0'], ['1.21.1ubuntu2.2', '>', '1.21.1ubuntu2.1'], ['3.0.2-0ubuntu1.10', '>', '3.0.2-0ubuntu1.8'], ['5.34.0-3ubuntu1.2', '>', '5.34.0-3ubuntu1.1'],
  ['1.9.9-1ubuntu2.4', '>', '1.9.9-1ubuntu2.3'], ['2:8.2.3995-1ubuntu2.9', '>', '2:8.2.3995-1ubuntu2.3'],
]);
const rhel = collationCases('RHEL', [
  ['1.0', '=', '1.0'], ['0.5.0~rc1^202', '=', '0.5.0~rc1^202'], ['1:1.0.0~rc2', '=', '1:1.0.0~rc2'],
  ['1.0', '<', '1.1'], ['1.0.0~rc2^2021', '<', '1.0.0'], ['1.0.0', '<', '1.0.1'], ['1.0.1', '<', '1.0.1^2021'], ['1.0.1^2021', '<', '1.0.1.security1'],
  ['1.0.1', '<', 'pkg-1.0.1.security1'], ['1.1.0~BETA2', '<', '1.1.0~CR1'], ['1.1.0.2021.SP1', '<', '1.1.0.2021.SP1_CP1'],
  ['9.11.4-26.P2.el7_9.10', '<', '32:9.11.4-26.P2.el7_9.13'], ['1:1.8.0.352.b08-2.el7_9', '<', '1:1.8.0.372.b07-1.el7_9'], ['5.6.0-1.linux', '<', '5.9.1-1.linux'],
  ['1.1', '>', '1.0'], ['1.0.0~rc2', '>', '1.0.0~rc1'], ['1.0.0', '>', '1.0.0~rc2'], ['1.0.1.security1', '>', '1.0.0~rc2'], ['1.1.0~BETA', '>', '1.0.1.security1'],
  ['1.1.0~CR1', '>', '1.1.0~BETA'], ['1.1.0.20201001.GA1', '>', '1.1.0~CR1'], ['1.0.0~rc2^20210101gf00fabd', '>', '1.0.0~rc2'],
  ['1.0.0', '>', '1.0.0~rc2^20210101gf00fabd'], ['1.0.1^20210203gbbbccc0', '>', '1.0.1'], ['1.0.1.security1', '>', '1.0.1^20210203gbbbccc0'],
]);

testSqlCases('version_compare', direct);
testSqlCases('version_compare as the VERSION collation', plain);
testSqlCases('version_compare ARCH', arch);
testSqlCases('version_compare DPKG', dpkg);
testSqlCases('version_compare RHEL', rhel);
