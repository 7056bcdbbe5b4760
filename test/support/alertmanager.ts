/**
 * A real Alertmanager (Debian's prometheus-alertmanager) for end-to-end tests
 * of alert delivery: started on 127.0.0.1 and a free port, clustering off,
 * with a temp config whose only receiver discards notifications, so the test
 * reads alerts back through Alertmanager's own v2 API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, killAndWait } from './sshd-process.js';

export const alertmanagerPath = '/usr/bin/prometheus-alertmanager';

export interface RunningAlertmanager {
  readonly url: string;
  /** GET /api/v2/alerts (active and, with `resolved`, those Alertmanager still holds). */
  alerts(): Promise<Array<{ labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; status: { state: string } }>>;
  stop(): Promise<void>;
}

export function alertmanagerAvailable(): { ok: boolean; reason?: string } {
  return existsSync(alertmanagerPath) ? { ok: true } : { ok: false, reason: `${alertmanagerPath} (apt-get install prometheus-alertmanager)` };
}

export async function startAlertmanager(): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'wp-am-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, 'route:\n  receiver: discard\n  group_wait: 0s\nreceivers:\n  - name: discard\n');
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    alertmanagerPath,
    [`--config.file=${config}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`alertmanager did not start: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async alerts() {
      const response = await fetch(`${url}/api/v2/alerts`);
      return (await response.json()) as Awaited<ReturnType<RunningAlertmanager['alerts']>>;
    },
    async stop() {
      await killAndWait(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
