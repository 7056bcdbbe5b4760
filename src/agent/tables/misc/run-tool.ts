import { spawnSync } from 'node:child_process';

/** What one run of a helper program gave. */
export type ToolResult =
  | { readonly kind: 'ran'; readonly status: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly message: string };

export interface ToolOptions {
  /** Give up after this long; default 5000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Runs a helper program (getfattr, getcap, file) synchronously, as tables
 * that stand in for a C library call must. `missing` means the program is
 * not installed (ENOENT); `failed` covers timeouts and signals. Output is
 * decoded as UTF-8.
 */
export function runTool(command: string, args: readonly string[], options: ToolOptions = {}): ToolResult {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 5000,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', message: result.error.message };
  }
  if (result.status === null) return { kind: 'failed', message: `${command} was killed by ${result.signal ?? 'a signal'}` };
  return { kind: 'ran', status: result.status, stdout: result.stdout, stderr: result.stderr };
}
