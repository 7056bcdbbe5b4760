/** Child-process helpers for the sshd test support: ports, output readiness, clean exits. */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const readyTimeoutMs = 15_000;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** pid, its parent, … up to but excluding `stopPid` (or init). */
export function listAncestorsBelow(pid: number, stopPid: number): number[] {
  const chain: number[] = [];
  for (let current = pid; current > 1 && current !== stopPid && chain.length < 16; ) {
    chain.push(current);
    const stat = readFileSync(`/proc/${current}/stat`, 'latin1');
    current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return chain;
}

/**
 * Resolves with the first match of `pattern` in the child's piped stdout and
 * stderr (read together); rejects with the output seen so far when the child
 * exits first or after 15 s.
 */
export function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  const streams = [child.stdout, child.stderr].filter((s) => s !== null);
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => finish(new Error(`${what} not ready after ${readyTimeoutMs} ms; output:\n${log}`)), readyTimeoutMs);
    const onData = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-8192);
      const found = log.match(pattern);
      if (found) finish(undefined, found);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish(new Error(`${what} exited (${code ?? signal}) before it was ready; output:\n${log}`));
    };
    function finish(err?: Error, found?: RegExpMatchArray): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      for (const stream of streams) {
        stream.off('data', onData);
        // Keep draining so a chatty child never blocks on a full pipe.
        stream.resume();
      }
      if (err) reject(err);
      else resolve(found as RegExpMatchArray);
    }
    for (const stream of streams) stream.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Sends SIGTERM unless the child already exited, and resolves once it has. */
export async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Polls until /proc/<pid> is gone (the process exited and was reaped) or the timeout passes. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
