// A real Alertmanager (Debian's prometheus-alertmanager) for bench:e2e: on
// 127.0.0.1 and a free port, clustering off, one route that groups every alert
// alone (group_by ['...']) with group_wait 0s and sends it to `webhookUrl`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './bench-util.mjs';

export const alertmanagerPath = '/usr/bin/prometheus-alertmanager';

export function alertmanagerAvailable() {
  return existsSync(alertmanagerPath) ? { ok: true } : { ok: false, reason: `${alertmanagerPath} (apt-get install prometheus-alertmanager)` };
}

export async function startAlertmanager({ webhookUrl }) {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-bench-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), `route:
  receiver: bench
  group_by: ['...']
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 4h
receivers:
  - name: bench
    webhook_configs:
      - url: ${webhookUrl}
        send_resolved: false
`);
  const port = await freePort();
  const child = spawn(alertmanagerPath, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`alertmanager did not start: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    url,
    /** GET /api/v2/alerts with Alertmanager's matcher filters, e.g. ['alertname="SSHLogin"']. */
    async alerts(filters = []) {
      const query = filters.map((f) => `filter=${encodeURIComponent(f)}`).join('&');
      const res = await fetch(`${url}/api/v2/alerts${query ? `?${query}` : ''}`);
      return res.json();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
