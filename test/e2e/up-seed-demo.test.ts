// The seed's demo, automated (issue 9): a real sshd on 127.0.0.1, a real
// Alertmanager and a real Prometheus scraping Watchpost's /metrics; `watchpost
// up` (the built CLI) pointed at them, configured with an auth token; ssh
// logins and failed passwords; then a second `watchpost up` in push mode
// (another host identifier and data dir) pushing to the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertmanagerAvailable, startAlertmanager } from '../support/alertmanager.js';
import { hasPrometheus, startPrometheus } from '../support/prometheus-process.js';
import { requireSshd, startSshd } from '../support/sshd.js';
import { startUp, until } from '../support/up-process.js';
import { freePort, watchpostBin } from '../support/watchpost-server.js';
import { deferredCleanup } from '../support/deferred-cleanup.js';

const token = 'e2e-central-token';

const auth = { Authorization: `Bearer ${token}`, 'X-Scope-OrgID': 'fake' };

test('watchpost up: ssh logins alert in Alertmanager, land in the store, count in Prometheus; brute force alerts; a push-mode host alerts too', { timeout: 240_000 }, async (t) => {
  if (!requireSshd(t)) return;
  if (!alertmanagerAvailable().ok || !hasPrometheus()) {
    t.skip('needs prometheus and prometheus-alertmanager (scripts/install-system-deps.sh)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'wp-up-e2e-'));
  const defer = deferredCleanup(t);
  defer(() => rmSync(root, { recursive: true, force: true }));
  const authLog = join(root, 'auth.log');
  writeFileSync(authLog, '');
  const sshd = await startSshd({ logFile: authLog, passwordAuthentication: true });
  defer(() => sshd.stop());
  const am = await startAlertmanager();
  defer(() => am.stop());

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(root, 'watchpost.yaml');
  writeFileSync(configFile, `server:\n  auth:\n    tokens:\n      - {name: e2e, token: ${token}, tenants: [fake]}\n`);
  const central = startUp(['--config', configFile, '--data-dir', join(root, 'central'), '--http-listen-port', String(port), '--alertmanager-url', am.url, '--auth-log', authLog, '--host-identifier', 'central']);
  defer(() => central.stop());
  await until('watchpost up to be ready', async () => ((await fetch(`${url}/ready`)).status === 200 ? true : undefined), 60_000, central.output);

  const prometheus = await startPrometheus([`127.0.0.1:${port}`], [], { bearerToken: token });
  defer(() => prometheus.stop());
  // increase() needs a sample from before the logins: wait for the first scrape of the agent's baseline.
  await until('Prometheus to scrape promtail_custom_last_logins', async () => ((await prometheus.query('promtail_custom_last_logins')).length > 0 ? true : undefined), 60_000);

  // A logcli-style follower started before the last login must print it.
  const tail = spawn(process.execPath, [watchpostBin, 'logs', 'query', '--tail', '--addr', url, '--bearer-token', token, '--org-id', 'fake', '--quiet', '{name="pack_incident-response_last"}'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tailOut = '';
  tail.stdout?.on('data', (c: Buffer) => (tailOut += c.toString()));
  defer(() => tail.kill('SIGTERM'));

  for (let i = 0; i < 3; i++) {
    const session = await sshd.login({ holdSeconds: 30 });
    await session.end();
  }

  const login = await until(
    'SSHLogin in Alertmanager',
    async () => (await am.alerts()).find((a) => a.labels.alertname === 'SSHLogin' && a.labels.host === 'central'),
    60_000,
    central.output,
  );
  assert.equal(login.labels.user, sshd.user);
  assert.equal(login.labels.src_ip, '127.0.0.1');

  const lines = await until('three login lines of pack_incident-response_last', async () => {
    const query = new URLSearchParams({ query: '{name="pack_incident-response_last"} |= `"type":"7"` |= `"action":"added"`', limit: '100', start: String((Date.now() - 600_000) * 1e6) });
    const body = (await (await fetch(`${url}/loki/api/v1/query_range?${query}`, { headers: auth })).json()) as { data: { result: Array<{ stream: Record<string, string>; values: [string, string][] }> } };
    const rows = body.data.result.flatMap((s) => s.values.map(([, line]) => ({ stream: s.stream, row: JSON.parse(line) as { columns: Record<string, string>; counter: number } })));
    const mine = rows.filter((r) => r.row.columns.username === sshd.user && r.row.counter > 0);
    return mine.length >= 3 ? mine : undefined;
  });
  assert.equal(lines[0]?.stream.job, 'osquery_results');
  assert.equal(lines[0]?.stream.name, 'pack_incident-response_last');
  await until('the tail to print the new login', async () => (tailOut.includes(`"username":"${sshd.user}"`) ? true : undefined), 30_000, () => tailOut);

  await until(
    'Prometheus to see increase(promtail_custom_last_logins[5m]) > 0',
    async () => ((await prometheus.query('increase(promtail_custom_last_logins{name="pack_incident-response_last"}[5m]) > 0')).length > 0 ? true : undefined),
    60_000,
  );

  await sshd.failPasswords(20);
  const brute = await until('SSHBruteForce in Alertmanager', async () => (await am.alerts()).find((a) => a.labels.alertname === 'SSHBruteForce'), 60_000, central.output);
  assert.equal(brute.labels.src_ip, '127.0.0.1');
  assert.equal(brute.labels.host, 'central');

  // Fleet mode: a second instance on "another host" pushes to the central one with the token.
  const fleet = startUp(['--push-url', `${url}/loki/api/v1/push`, '--push-token', token, '--host-identifier', 'fleet-2', '--data-dir', join(root, 'fleet'), '--auth-log', join(root, 'none.log')]);
  defer(() => fleet.stop());
  await until('the fleet agent to report its baseline', async () => {
    const query = new URLSearchParams({ query: '{job="osquery_results", host="fleet-2"}', limit: '1', start: String((Date.now() - 600_000) * 1e6) });
    const body = (await (await fetch(`${url}/loki/api/v1/query_range?${query}`, { headers: auth })).json()) as { data: { result: unknown[] } };
    return body.data.result.length > 0 ? true : undefined;
  }, 60_000, fleet.output);
  const session = await sshd.login({ holdSeconds: 30 });
  await session.end();
  const fleetLogin = await until('SSHLogin for fleet-2', async () => (await am.alerts()).find((a) => a.labels.alertname === 'SSHLogin' && a.labels.host === 'fleet-2'), 60_000, fleet.output);
  assert.equal(fleetLogin.labels.user, sshd.user);

  const refused = await fetch(`${url}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ streams: [{ stream: { job: 'x' }, values: [[String(Date.now() * 1e6), 'x']] }] }) });
  assert.equal(refused.status, 401);
});
