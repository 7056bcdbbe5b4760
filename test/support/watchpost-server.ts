// Runs the built `watchpost server` (bin/watchpost.js) as a child process on
// 127.0.0.1 and a free port, for the e2e tests (npm test builds dist/ first).
import { spawn, type ChildProcess } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The CLI under test; WATCHPOST_BIN points at another build. */
export const watchpostBin = process.env.WATCHPOST_BIN ?? fileURLToPath(new URL('../../bin/watchpost.js', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** stderr so far (logs). */
  stderr(): string;
  /** SIGTERM and wait; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait (a crash). */
  kill9(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** GET /ready over HTTPS without verifying the (test) certificate; resolves to the status. */
function readyOverHttps(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsGet(`${url}/ready`, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
  });
}

/** Starts `watchpost server --data-dir dataDir …extraArgs` and waits for /ready. */
export async function startServerProcess(dataDir: string, extraArgs: readonly string[] = [], options: { port?: number; https?: boolean } = {}): Promise<ServerProcess> {
  const p = options.port ?? (await freePort());
  const child = spawn(process.execPath, [watchpostBin, 'server', '--http-listen-address', '127.0.0.1', '--http-listen-port', String(p), '--data-dir', dataDir, '--log-level', 'warn', ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = `${options.https ? 'https' : 'http'}://127.0.0.1:${p}`;
  const exited = once(child, 'exit');
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`watchpost server exited with ${child.exitCode}: ${stderr}`);
    try {
      const status = options.https ? await readyOverHttps(url) : (await fetch(`${url}/ready`)).status;
      if (status === 200) break;
    } catch {
      // not listening yet
    }
    if (i > 300) {
      child.kill('SIGKILL');
      throw new Error(`watchpost server did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port: p,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
