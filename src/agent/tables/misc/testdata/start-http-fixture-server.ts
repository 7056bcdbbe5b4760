import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A running http-fixture-server.ts process (see its header for the routes). */
export interface HttpFixtureServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly baseUrl: string;
  /** Stops the process. */
  close(): Promise<void>;
}

/**
 * Starts the fixture server in a child process (the synchronous client under
 * test blocks this thread, so the server must live elsewhere) and resolves
 * once it listens.
 */
export async function startHttpFixtureServer(): Promise<HttpFixtureServer> {
  const program = fileURLToPath(new URL('./http-fixture-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', program], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening (\d+)\n/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`http fixture server exited early with code ${String(child.exitCode)}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
