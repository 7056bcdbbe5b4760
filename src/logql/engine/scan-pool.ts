import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanJob, ScanResult } from './scan-job.js';

/**
 * A worker thread that long metric scans hand part of their batches to, so
 * one query uses both cores (load-samples.ts decides when). One per
 * process, started on first use; it keeps the process alive only while it
 * has jobs.
 * If the thread dies, its jobs reject and the pool stops offering itself;
 * callers then scan those batches themselves.
 */
export class ScanPool {
  static #shared: ScanPool | undefined;
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: ScanResult) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #dead = false;
  #completed = 0;

  /** The process's pool, or undefined on a single core or where the worker file cannot be found. */
  static shared(): ScanPool | undefined {
    if (ScanPool.#shared !== undefined) return ScanPool.#shared.#dead ? undefined : ScanPool.#shared;
    if (availableParallelism() < 2) return undefined;
    const url = workerUrl();
    if (url === undefined) return undefined;
    ScanPool.#shared = new ScanPool(url);
    return ScanPool.#shared;
  }

  private constructor(url: URL) {
    // From source (tests, tsx), the worker registers tsx itself: Node 20 does not carry the loader over.
    this.#worker = url.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
      : new Worker(url);
    this.#worker.on('message', (result: ScanResult) => {
      const waiter = this.#pending.get(result.id);
      if (waiter === undefined) return;
      this.#pending.delete(result.id);
      if (this.#pending.size === 0) this.#worker.unref();
      this.#completed++;
      if (result.error !== undefined) waiter.reject(new Error(result.error));
      else waiter.resolve(result);
    });
    const fail = (err: Error): void => {
      this.#dead = true;
      for (const waiter of this.#pending.values()) waiter.reject(err);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`scan worker exited (${code})`)));
    // After the listeners (adding a 'message' listener refs the worker again).
    this.#worker.unref();
  }

  /** Jobs answered so far (tests, diagnostics). */
  get completed(): number {
    return this.#completed;
  }

  get alive(): boolean {
    return !this.#dead;
  }

  /** Runs a job on the worker; `job.id` is assigned here. */
  run(job: Omit<ScanJob, 'id'>): Promise<ScanResult> {
    if (this.#dead) return Promise.reject(new Error('scan worker is not running'));
    const id = this.#nextId++;
    return new Promise<ScanResult>((resolve, reject) => {
      // Referenced only while it has work: a process waiting for a job stays up, an idle one may exit.
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...job, id }, [job.ts.buffer as ArrayBuffer]);
    });
  }
}

/** The worker's file beside this module: .js from tsc, .mjs in the CLI bundle, .ts from source (tsx). */
function workerUrl(): URL | undefined {
  for (const name of ['./scan-worker.js', './scan-worker.mjs', './scan-worker.ts']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
