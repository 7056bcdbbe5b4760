import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getUnixSocketSync } from '../sync-http.js';

/** A running fake-docker-engine.ts process (see its header: a fake, as no Docker engine can run here). */
export interface FakeDockerEngine {
  /** The unix socket it answers on, inside a fresh temp dir. */
  readonly socketPath: string;
  /** The request URLs it has served so far, in order. */
  requests(): string[];
  /** Stops the process and removes the temp dir. */
  close(): Promise<void>;
}

/** The recorded Docker 26.1.3 (API 1.45) answers. */
export const engine261Fixtures = fileURLToPath(new URL('./engine-26.1', import.meta.url));

/**
 * Starts the fake engine in a child process (the synchronous client under
 * test blocks this thread, so the server must live elsewhere) and resolves
 * once its socket listens.
 */
export async function startFakeDockerEngine(fixtureDir: string = engine261Fixtures): Promise<FakeDockerEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const program = fileURLToPath(new URL('./fake-docker-engine.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', program, socketPath, fixtureDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening\n')) resolve();
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`fake docker engine exited early with code ${String(child.exitCode)}`)));
  });
  return {
    socketPath,
    requests() {
      const res = getUnixSocketSync(socketPath, '/__fake/requests');
      if (!res.ok) throw new Error(`fake docker engine unreachable: ${res.message}`);
      return JSON.parse(res.body) as string[];
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
