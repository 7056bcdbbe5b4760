// Runs the built `watchpost up` (bin/watchpost.js) as a child process for e2e tests,
// and a polling helper for conditions that become true asynchronously.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { watchpostBin } from './watchpost-server.js';

export interface UpProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export function startUp(args: readonly string[]): UpProcess {
  const child = spawn(process.execPath, [watchpostBin, 'up', '--log-level', 'warn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * Polls `fn` every 250 ms until it returns something other than undefined;
 * fails after `timeoutMs` with `what`, the last error and `diagnostics()`.
 */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000, diagnostics: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}\n${diagnostics().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
