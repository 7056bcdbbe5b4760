// Runs `watchpost ship` as users run it: the built CLI (bin/watchpost.js; npm
// test builds dist/ first) in a child process. WATCHPOST_BIN points the tests
// at another build of the same entry.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeLoki, type FakeLoki } from '../../src/shipper/index.js';

export const shipBin = process.env.WATCHPOST_BIN ?? fileURLToPath(new URL('../../bin/watchpost.js', import.meta.url));

export interface ShipProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves to the exit code (or the signal name). */
  exited(): Promise<number | string>;
  /** SIGKILL and wait: a crash. */
  kill9(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<number | string>;
}

export function spawnShip(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): ShipProcess {
  const child = spawn(process.execPath, [shipBin, 'ship', ...args], {
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited: () => exit,
    async kill9() {
      child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      child.kill('SIGTERM');
      return await exit;
    },
  };
}

/** A fresh temporary directory (named from `prefix`) and a fake Loki for one test; both go when the test ends. */
export async function createShipFixture(t: { after(fn: () => Promise<void>): void }, prefix: string): Promise<{ dir: string; loki: FakeLoki }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const loki = await createFakeLoki();
  t.after(async () => {
    await loki.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, loki };
}
