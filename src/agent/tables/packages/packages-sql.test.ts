// The package tables through SQL: osquery's pack queries over them run on
// this machine, and joins/pushdown work on the fixture root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSqlEngine } from '../../index.js';
import { createFullFixtureRoot, fixtureRoot } from './testdata/golden.js';

const packTsv = fileURLToPath(new URL('../../../../../shared/osquery/packs-linux-queries.tsv', import.meta.url));
const mine = ['deb_packages', 'rpm_packages', 'apt_sources', 'portage_packages', 'python_packages', 'chrome_extensions', 'firefox_addons', 'npm_packages'];

/** The pack queries (pack/name → sql) whose table list names one of these tables. */
function loadMyPackQueries(): Map<string, string> {
  const [header, ...lines] = readFileSync(packTsv, 'utf8').trimEnd().split('\n');
  const columns = (header ?? '').split('\t');
  const queries = new Map<string, string>();
  for (const line of lines) {
    const f = line.split('\t');
    const tables = (f[columns.indexOf('tables')] ?? '').split(',');
    if (tables.some((t) => mine.includes(t))) queries.set(`${f[columns.indexOf('pack')]}/${f[columns.indexOf('query')]}`, f[columns.indexOf('sql')] ?? '');
  }
  return queries;
}

test('every osquery pack query over the package tables runs through SQL', { skip: !existsSync(packTsv) && 'no shared pack list' }, async (t) => {
  const queries = loadMyPackQueries();
  assert.deepEqual([...queries.keys()].sort(), [
    'it-compliance/apt_sources',
    'it-compliance/chrome_extensions',
    'it-compliance/deb_packages',
    'it-compliance/rpm_packages',
    'vuln-management/apt_sources',
    'vuln-management/backdoored_python_packages',
    'vuln-management/chrome_extensions',
    'vuln-management/deb_packages',
    'vuln-management/firefox_addons',
    'vuln-management/portage_packages',
    'vuln-management/rpm_packages',
  ]);
  const engine = await createSqlEngine({ timeoutMs: 60_000 });
  t.after(() => engine.close());
  for (const [name, sql] of queries) {
    await t.test(name, async () => {
      const [result] = await engine.query(sql);
      assert.ok(result && result.columns.length > 0, 'the query returns a result set');
      if (name.endsWith('/deb_packages')) assert.ok(result.rows.length > 50, 'this Debian machine has many packages');
    });
  }
});

test('SQL: users join chrome_extensions / firefox_addons reads each user\'s browsers without the current-user warning', async (t) => {
  const warnings: string[] = [];
  const engine = await createSqlEngine({ paths: { root: fixtureRoot }, onWarning: (m) => warnings.push(m) });
  t.after(() => engine.close());
  const [chrome] = await engine.query('select u.username, c.name, c.identifier from users u join chrome_extensions c using (uid) order by c.name');
  assert.deepEqual(chrome?.rows, [
    ['alice', 'Localized Name', ''],
    ['alice', 'Offline Docs', ''],
    ['alice', 'Test Extension', 'cjpalhdlnbpafiamejdnhcphjbkeiagm'],
  ]);
  const [firefox] = await engine.query('select firefox_addons.identifier, typeof(visible), typeof(uid) from users join firefox_addons using (uid) order by 1');
  assert.deepEqual(firefox?.rows, [
    ['default-theme@mozilla.org', 'integer', 'integer'],
    ['soft@example.org', 'integer', 'integer'],
    ['uBlock0@raymondhill.net', 'integer', 'integer'],
  ]);
  assert.equal(warnings.filter((w) => w.includes('based on the current user')).length, 0);
  await engine.query('select * from chrome_extensions');
  assert.ok(warnings.includes('The chrome_extensions table returns data based on the current user by default, consider JOINing against the users table'));
});

test('SQL: package tables push admindir, directory and max_depth down and type their cells', async (t) => {
  const engine = await createSqlEngine({ paths: { root: createFullFixtureRoot(t) } });
  t.after(() => engine.close());
  const [deb] = await engine.query("select name, typeof(size), admindir from deb_packages where admindir = '/var/lib/dpkg-distroless'");
  assert.deepEqual(deb?.rows, [
    ['base-files', 'integer', '/var/lib/dpkg-distroless'],
    ['tzdata', 'integer', '/var/lib/dpkg-distroless'],
  ]);
  const [configFiles] = await engine.query("select name from deb_packages where status like '% config-files'");
  assert.deepEqual(configFiles?.rows, [['oldconf']]);
  const [python] = await engine.query("select name from python_packages where directory = '/usr/lib/python3/dist-packages/pip'");
  assert.deepEqual(python?.rows, [['packaging']]);
  const [npm] = await engine.query('select count(*), max(depth) from npm_packages where max_depth = 1');
  assert.deepEqual(npm?.rows, [['4', '1']]);
  const [apt] = await engine.query("select count(*) from apt_sources where source like '%.sources'");
  assert.deepEqual(apt?.rows, [['3']]);
  const [portage] = await engine.query('select package, typeof(build_time), typeof(world) from portage_packages where world = 0');
  assert.deepEqual(portage?.rows, [['sys-libs/glibc', 'integer', 'integer']]);
});

test('SQL: opera_extensions is not an osquery table', async (t) => {
  const engine = await createSqlEngine();
  t.after(() => engine.close());
  await assert.rejects(engine.query('select * from opera_extensions'), /no such table: opera_extensions/);
});
