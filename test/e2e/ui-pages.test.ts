// The web UI's dashboard, Alerts and Hosts pages in Debian's Chromium
// (playwright-core, headless) against a real server with seeded data: sshd
// lines and osquery results in the shapes `watchpost up` ships, twelve failed
// passwords from one address so the built-in SSHBruteForce detection fires.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanPage, useUiSession } from '../support/ui-session.js';

describe('dashboard, Alerts and Hosts pages', () => {
  const ui = useUiSession({ evaluateRules: true });

  it('the SSH activity dashboard renders every panel with data', async () => {
    const watched = await ui.newPage();
    const { page } = watched;
    await page.goto(`${ui.server.url}/`);
    await page.locator('#dashboard-updated', { hasText: 'Updated' }).waitFor();
    assert.equal(await page.title(), 'SSH activity · Watchpost');
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'SSH activity');
    // Logins by host and user: one series per (host, user) seen in the osquery `last` rows.
    const logins = await page.locator('#panel-logins .u-legend .u-series th').allTextContents();
    assert.deepEqual(logins.slice(1).sort(), ['db-1 / alice', 'db-1 / bob', 'db-1 / carol', 'web-1 / alice', 'web-1 / bob', 'web-1 / carol']);
    assert.equal(await page.locator('#panel-logins .source').textContent(), 'From sshd "Accepted" lines ({job="auth"}).');
    const failures = await page.locator('#panel-failures .u-legend .u-series th').allTextContents();
    assert.deepEqual(failures.slice(1).sort(), ['198.51.100.23', '198.51.100.4', ui.seeded.bruteForceIp]);
    const sources = await page.locator('#panel-sources tbody tr').allTextContents();
    assert.equal(sources.length, 6);
    assert.ok(sources.includes(`${ui.seeded.bruteForceIp}12`), sources.join(' | '));
    const ports = await page.locator('#panel-ports tbody tr').allTextContents();
    assert.deepEqual(ports.map((r) => r.replace(/^.*?(db-1|web-1)/, '$1')).sort(), ['db-18081TCP0.0.0.03001', 'web-18080TCP0.0.0.03000']);
    const alerts = await page.locator('#panel-alerts tbody tr').allTextContents();
    assert.equal(alerts.length, 1);
    assert.match(alerts[0] ?? '', new RegExp(`^SSHBruteForcewarning12 failed SSH logins from ${ui.seeded.bruteForceIp.replace(/\./g, '\\.')} on web-1 in 15 minutes`));
    await assertCleanPage(watched, 'dashboard');
  });

  it('a firing built-in detection appears on Alerts with its labels, rule state and history', async () => {
    const watched = await ui.newPage();
    const { page } = watched;
    await page.goto(`${ui.server.url}/alerts`);
    await page.locator('#active-alerts .alert').first().waitFor();
    const active = page.locator('#active-alerts .alert.firing');
    assert.equal(await active.count(), 1);
    assert.match((await active.textContent()) ?? '', /^SSHBruteForce firing since /);
    assert.deepEqual(await active.locator('.chip').allTextContents(), ['alertname=SSHBruteForce', 'host=web-1', 'severity=warning', `src_ip=${ui.seeded.bruteForceIp}`]);
    const firingRules = await page.locator('#rules tr.state-firing td:first-child').allTextContents();
    assert.deepEqual(firingRules, ['SSHBruteForce']);
    assert.equal(await page.locator('#rules tbody tr').count(), ui.server.ruler.manager.groups.reduce((n, g) => n + g.rules.length, 0));
    const history = await page.locator('#alert-history tbody tr').allTextContents();
    assert.equal(history.length, 1);
    assert.match(history[0] ?? '', /SSHBruteForcefiring/);
    await assertCleanPage(watched, 'alerts');
  });

  it('Hosts lists each host with last seen and OS, and its latest osquery results per query', async () => {
    const watched = await ui.newPage();
    const { page } = watched;
    await page.goto(`${ui.server.url}/hosts?host=web-1`);
    await page.locator('#host-detail h2').waitFor();
    const rows = await page.locator('#hosts tbody tr').allTextContents();
    assert.equal(rows.length, ui.seeded.hosts.length);
    for (const row of rows) assert.match(row, /^(db-1|web-1)\d+\/\d+\/\d{4}, .+Debian GNU\/Linux 12 \(bookworm\)$/);
    assert.equal(await page.locator('#host-detail h2').textContent(), 'Latest osquery results on web-1');
    assert.deepEqual(await page.locator('#host-detail h3').allTextContents(), ['pack_incident-response_last', 'pack_incident-response_listening_ports', 'pack_watchpost-up_os_version']);
    assert.equal(await page.locator('button[data-host="web-1"]').getAttribute('aria-pressed'), 'true');
    await page.locator('button[data-host="db-1"]').click();
    await page.locator('#host-detail h2', { hasText: 'db-1' }).waitFor();
    assert.match(page.url(), /host=db-1/);
    await assertCleanPage(watched, 'hosts');
  });

  it('navigates between pages without reloading and without console errors or failed requests', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(`${ui.server.url}/dashboard`);
    await page.locator('#dashboard-updated', { hasText: 'Updated' }).waitFor();
    await page.evaluate('window.__sameDocument = true');
    for (const [link, ready] of [
      ['Alerts', '#alerts-updated'],
      ['Hosts', '#host-detail h2'],
      ['Explore', '.cm-content'],
      ['SSH activity', '#dashboard-updated'],
    ] as const) {
      await page.locator('nav').getByRole('link', { name: link, exact: true }).click();
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the nav does not reload the page');
    await page.goBack();
    await page.locator('.cm-content').waitFor();
    assert.match(page.url(), /\/explore/);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
  });

  it('serves the shell on every page path and the bundled assets, with no CDN reference', async () => {
    for (const path of ['/', '/ui', '/explore', '/dashboard', '/alerts', '/hosts']) {
      const res = await fetch(ui.server.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      const html = await res.text();
      assert.match(html, /<script type="module" src="\/ui\/assets\/app\.js\?v=[0-9a-f]{12}"><\/script>/);
      assert.doesNotMatch(html, /https?:\/\//);
    }
    const js = await fetch(`${ui.server.url}/ui/assets/app.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.doesNotMatch(await js.text(), /https:\/\/(cdn|unpkg|fonts)\./);
    assert.equal((await fetch(`${ui.server.url}/ui/assets/app.css`)).status, 200);
    const missing = await fetch(`${ui.server.url}/ui/assets/nope.js`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '404 page not found\n');
  });
});

describe('pages on a server without the ruler (bare `watchpost server`)', () => {
  // osquery results only: the logins panel falls back from sshd's lines to osquery's `last` rows.
  const ui = useUiSession({ server: { ruler: false }, seedJobs: ['osquery_results'] });

  it('say the ruler does not run, without asking its APIs (no 404s, no console errors); logins come from osquery without sshd lines', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(`${ui.server.url}/alerts`);
    await page.locator('#alerts-updated', { hasText: 'ruler does not run' }).waitFor();
    await page.locator('nav').getByRole('link', { name: 'SSH activity', exact: true }).click();
    await page.locator('#dashboard-updated', { hasText: 'Updated' }).waitFor();
    assert.match((await page.locator('#panel-alerts').textContent()) ?? '', /ruler does not run on this server/);
    assert.equal(await page.locator('#panel-sources').textContent(), 'No SSH authentications in this range.');
    assert.equal(await page.locator('#panel-logins .source').textContent(), "From osquery's last table (new USER_PROCESS rows).");
    assert.equal(await page.locator('#panel-logins .u-legend .u-series').count(), 7);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
  });
});
