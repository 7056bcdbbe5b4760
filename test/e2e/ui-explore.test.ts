// The web UI's Explore page in Debian's Chromium (playwright-core, headless)
// against a real server (store, engine, ruler, UI) with seeded data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { auditPageScript, focusedElementScript, saveScreenshot } from '../support/ui-server.js';
import { useUiSession } from '../support/ui-session.js';

const explore = (query: string, range = 'now-6h'): string => `/explore?${new URLSearchParams({ query, from: range, to: 'now' }).toString()}`;

/** The line texts the logs view shows, newest first. */
async function shownLines(page: Page): Promise<string[]> {
  return page.locator('#results .log-row .line').allTextContents();
}

describe('Explore', () => {
  const ui = useUiSession();

  it('shows the lines of a log query from the URL, newest first, with the volume histogram', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(ui.server.url + explore('{job="app"} |= "request 1"'));
    await page.locator('#results .log-row').first().waitFor();
    const lines = await shownLines(page);
    // "request 1" and "request 10"…"request 19", newest first.
    assert.equal(lines.length, 11, lines.join('\n'));
    assert.match(lines[0] ?? '', /"msg":"request 19"/);
    assert.match(lines.at(-1) ?? '', /"msg":"request 1"/);
    assert.match((await page.locator('#query-status').textContent()) ?? '', /^11 lines in \d+ ms$/);
    await page.locator('#volume-graph canvas').waitFor();
    assert.equal(await page.locator('.common-labels').textContent(), 'Common labels: host=web-1job=appservice_name=app');
    await saveScreenshot(page, 'explore');
    assert.deepEqual(problems, []);
  });

  it('says when the line limit cut the answer', async () => {
    const { page, problems } = await ui.newPage();
    const startMs = Date.now() - 20 * 60_000;
    const entries = Array.from({ length: 1005 }, (_, i) => ({ tsNs: BigInt(startMs + i * 1000) * 1_000_000n, line: `line ${i}` }));
    await ui.server.push([{ labels: { job: 'many' }, entries }]);
    await page.goto(ui.server.url + explore('{job="many"}', 'now-1h'));
    await page.locator('#query-status', { hasText: /^1000 lines \(the newest; the limit is 1000\) in \d+ ms$/ }).waitFor();
    assert.equal(await page.locator('#results .log-row').count(), 1000);
    assert.equal(await page.locator('#results .log-row .line').first().textContent(), 'line 1004');
    assert.deepEqual(problems, []);
  });

  it('pretty-prints a JSON line and adds a clicked field as a filter', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(ui.server.url + explore('{job="app"}'));
    await page.locator('#results .log-row').first().waitFor();
    await page.locator('#results details.json summary').first().click();
    const pretty = await page.locator('#results .json-pretty').first().textContent();
    assert.equal(pretty, JSON.stringify({ level: 'info', msg: 'request 19', status: 200, http: { method: 'GET', path: '/api/items/19' } }, null, 2));
    await page.getByLabel('Pretty-print JSON lines').check();
    await page.waitForFunction(`document.querySelectorAll('#results .json-pretty').length === ${ui.seeded.appLines}`);
    await page.getByRole('button', { name: 'http.path=/api/items/19' }).click();
    await page.waitForFunction("document.querySelectorAll('#results .log-row').length === 1");
    assert.equal(await page.locator('.cm-content').textContent(), '{job="app"} | json | http_path="/api/items/19"');
    assert.match(page.url(), /query=%7Bjob%3D%22app%22%7D\+%7C\+json\+%7C\+http_path/);
    assert.deepEqual(problems, []);
  });

  it('adds a clicked stream label to the selector and runs the narrower query', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(ui.server.url + explore('{job="auth"} |= "Accepted"', 'now-24h'));
    await page.locator('#results .log-row').first().waitFor();
    // Two hosts: `host` differs between streams, so it is on each line, not among the common labels.
    assert.equal(await page.locator('.common-labels').textContent(), 'Common labels: job=authservice_name=auth');
    await page.getByRole('button', { name: 'Filter by label host=db-1' }).first().click();
    await page.waitForFunction(`new URL(location.href).searchParams.get('query') === '{job="auth", host="db-1"} |= "Accepted"'`);
    await page.locator('.common-labels', { hasText: 'host=db-1' }).waitFor();
    const lines = await shownLines(page);
    assert.equal(lines.length, 36);
    assert.ok(lines.every((l) => l.includes(' db-1 sshd[')), lines.join('\n'));
    assert.deepEqual(problems, []);
  });

  it('the time picker runs the query over a preset or a custom range and keeps it in the URL', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(ui.server.url + explore('{job="app"}', 'now-5m'));
    await page.locator('#results .empty').waitFor();
    assert.equal(await page.locator('#range-from').isVisible(), false, 'custom inputs stay hidden for a preset');
    await page.getByLabel('Time range').selectOption({ label: 'Last 1 hour' });
    await page.locator('#query-status', { hasText: `${ui.seeded.appLines} lines` }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('from'), 'now-1h');
    await page.getByLabel('Time range').selectOption({ label: 'Custom range' });
    await page.locator('#range-from').fill('now-15m');
    await page.locator('#range-from').press('Enter');
    // The app lines are one a minute from 30 to 11 minutes before the seeding.
    await page.locator('#query-status', { hasText: /^[45] lines/ }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('from'), 'now-15m');
    await page.locator('#range-from').fill('last tuesday');
    await page.locator('#range-from').press('Enter');
    await page.locator('#query-error', { hasText: 'invalid time "last tuesday"' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('draws a metric query as a uPlot graph with one series per label set', async () => {
    const { page, problems } = await ui.newPage();
    // Two series that do not overlap everywhere: app lines only in the last 30 minutes, auth lines over 6 hours.
    await page.goto(ui.server.url + explore('sum by (job) (count_over_time({job=~"app|auth"} [10m]))'));
    await page.locator('#metric-graph canvas').waitFor();
    const legend = await page.locator('#metric-graph .u-legend .u-series th').allTextContents();
    assert.deepEqual(legend.slice(1), ['{job="app"}', '{job="auth"}']);
    assert.equal(await page.locator('#query-status').textContent().then((t) => t?.replace(/\d+ ms/, 'N ms')), '2 series in N ms');
    // Pixels in the two series colours (#2563eb, #dc2626) prove both lines were drawn.
    const coloured = (await page.evaluate(`(() => {
      const canvas = document.querySelector('#metric-graph canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0, red = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] < 200) continue;
        if (Math.abs(data[i] - 0x25) < 30 && Math.abs(data[i + 1] - 0x63) < 30 && Math.abs(data[i + 2] - 0xeb) < 30) blue++;
        if (Math.abs(data[i] - 0xdc) < 30 && Math.abs(data[i + 1] - 0x26) < 30 && Math.abs(data[i + 2] - 0x26) < 30) red++;
      }
      return { blue, red };
    })()`)) as { blue: number; red: number };
    assert.ok(coloured.blue > 30 && coloured.red > 30, JSON.stringify(coloured));
    // The legend entries are keyboard buttons that hide and show their series.
    const auth = page.getByRole('button', { name: '{job="auth"}' });
    assert.equal(await auth.getAttribute('aria-pressed'), 'true');
    await auth.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.querySelectorAll('#metric-graph .u-series.u-off').length === 1`);
    assert.equal(await auth.getAttribute('aria-pressed'), 'false');
    await page.keyboard.press(' ');
    await page.waitForFunction(`document.querySelectorAll('#metric-graph .u-series.u-off').length === 0`);
    assert.equal(await auth.getAttribute('aria-pressed'), 'true');
    await saveScreenshot(page, 'explore-metric');
    assert.deepEqual(problems, []);
  });

  it('live tail shows a line pushed after it started', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(ui.server.url + explore('{job="app"} |= "tail-me"'));
    await page.locator('#results .empty').waitFor();
    await page.locator('#live-tail').click();
    await page.locator('#query-status', { hasText: 'Live: waiting for new lines…' }).waitFor();
    assert.equal(await page.locator('#live-tail').getAttribute('aria-pressed'), 'true');
    const tsNs = BigInt(Date.now()) * 1_000_000n;
    await ui.server.push([{ labels: { job: 'app', host: 'web-1' }, entries: [{ tsNs, line: 'not shown' }, { tsNs: tsNs + 1n, line: 'tail-me: pushed while tailing' }] }]);
    await page.locator('#tail-lines .log-row').first().waitFor();
    assert.deepEqual(await page.locator('#tail-lines .line').allTextContents(), ['tail-me: pushed while tailing']);
    assert.equal(await page.locator('#query-status').textContent(), 'Live: 1 lines');
    await page.locator('#live-tail').click();
    assert.equal(await page.locator('#live-tail').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(problems, []);
  });

  it("shows Loki's error text beside the editor for a query that does not parse", async () => {
    const { page, problems } = await ui.newPage();
    const bad = '{job="app"} |= ';
    await page.goto(ui.server.url + explore(bad));
    const errorBox = page.locator('#query-error');
    await errorBox.filter({ hasText: /./ }).waitFor();
    const qs = new URLSearchParams({ query: bad, start: String((Date.now() - 3_600_000) * 1e6), end: String(Date.now() * 1e6), limit: '1000' });
    const response = await fetch(`${ui.server.url}/loki/api/v1/query_range?${qs.toString()}`);
    assert.equal(response.status, 400);
    assert.equal(await errorBox.textContent(), (await response.text()).trim());
    assert.equal(await errorBox.getAttribute('role'), 'alert');
    assert.equal(await page.locator('.cm-content').getAttribute('aria-invalid'), 'true');
    await saveScreenshot(page, 'explore-error');
    // The only problem is the 400 itself (Chromium logs failed fetches to the console).
    assert.ok(problems.every((p) => p.includes('400')) && problems.length > 0, problems.join('\n'));
  });

  it("live tail of a query Loki refuses shows Loki's error and stops", async () => {
    const { page, problems } = await ui.newPage();
    const bad = '{job="app"} |~ "("';
    await page.goto(`${ui.server.url}/explore`);
    await page.locator('.cm-content').focus();
    await page.keyboard.type(bad);
    await page.keyboard.press('Escape');
    await page.locator('#live-tail').click();
    await page.locator('#query-status', { hasText: 'Live tail stopped.' }).waitFor();
    const qs = new URLSearchParams({ query: bad, start: String((Date.now() - 3_600_000) * 1e6), end: String(Date.now() * 1e6) });
    const response = await fetch(`${ui.server.url}/loki/api/v1/query_range?${qs.toString()}`);
    assert.equal(response.status, 400);
    assert.equal(await page.locator('#query-error').textContent(), (await response.text()).trim());
    assert.equal(await page.locator('#live-tail').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(problems, []);
  });

  it('is usable from the keyboard: Tab reaches nav, editor and Run with a visible focus ring; Shift+Enter runs', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(`${ui.server.url}/explore`);
    await page.locator('.cm-content').waitFor();
    await page.evaluate('document.activeElement.blur()');
    const stops: Array<{ tag: string; id: string; text: string; ring: boolean }> = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      stops.push((await page.evaluate(focusedElementScript)) as (typeof stops)[number]);
    }
    const names = stops.map((s) => s.text || s.id);
    for (const wanted of ['Skip to content', 'Explore', 'SSH activity', 'Alerts', 'Hosts', 'Run query', 'Live tail']) assert.ok(names.includes(wanted), `${wanted} not reached by Tab: ${names.join(' | ')}`);
    assert.ok(stops.some((s) => s.id === 'query-editor'), `editor not reached: ${JSON.stringify(stops)}`);
    const withoutRing = stops.filter((s) => !s.ring && s.tag !== 'body');
    assert.deepEqual(withoutRing, [], 'every focused control shows a focus ring');
    // Back to the editor with Shift+Tab, type a query, run it with Shift+Enter.
    await page.locator('.cm-content').focus();
    await page.keyboard.type('{job="auth", host="db-1"} |= "Accepted password for bob"');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Enter');
    await page.locator('#results .log-row').first().waitFor();
    const lines = await shownLines(page);
    assert.ok(lines.length > 0 && lines.every((l) => l.includes('Accepted password for bob')), lines.join('\n'));
    assert.deepEqual(problems, []);
  });

  it('completes label names in a selector and label values after name="', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(`${ui.server.url}/explore`);
    await page.locator('.cm-content').focus();
    await page.keyboard.type('{jo');
    await page.waitForFunction(`[...document.querySelectorAll('.cm-tooltip-autocomplete li')].map((li) => li.textContent).join() === 'job'`);
    assert.deepEqual(await page.locator('.cm-tooltip-autocomplete li').allTextContents(), ['job']);
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.cm-content').textContent(), '{job=}');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'osquery_results' }).waitFor();
    // Every job in the range (other tests push more), sorted.
    const jobs = (await (await fetch(`${ui.server.url}/loki/api/v1/label/job/values`)).json()) as { data: string[] };
    assert.ok(jobs.data.includes('auth'));
    assert.deepEqual(await page.locator('.cm-tooltip-autocomplete li').allTextContents(), jobs.data);
    await page.keyboard.type('au');
    await page.waitForFunction(`[...document.querySelectorAll('.cm-tooltip-autocomplete li')].map((li) => li.textContent).join() === 'auth'`);
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.cm-content').textContent(), '{job="auth"}');
    assert.deepEqual(problems, []);
  });

  it('passes the accessibility audit (names, headings, contrast, live regions)', async () => {
    const { page, problems } = await ui.newPage();
    await page.goto(ui.server.url + explore('{job="app"}'));
    await page.locator('#volume-graph canvas').waitFor();
    assert.deepEqual(await page.evaluate(auditPageScript), []);
    assert.deepEqual(problems, []);
  });
});
