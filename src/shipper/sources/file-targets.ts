import { statSync, type Stats } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { resolve } from 'node:path';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type { ScrapeConfig } from '../config/types.js';
import { applyRelabelConfigs } from '../relabel/relabel.js';
import { fileIdentity, FileTailer } from './file-tailer.js';
import { compileGlob, findGlobMatches } from './glob.js';
import type { EntryPipeline, Source, SourceContext } from './types.js';

export interface FileTargetsOptions {
  readonly scrape: ScrapeConfig;
  readonly pipeline: EntryPipeline;
  readonly ctx: SourceContext;
  /** How often globs are re-evaluated (target_config.sync_period). */
  readonly syncPeriodMs: number;
  /** How often files are polled for new data. */
  readonly pollMs: number;
  readonly hostname?: string;
}

/**
 * The file targets of one scrape config: static_configs relabeled into
 * `__path__` globs (minus `__path_exclude__`), a tailer per matched file,
 * new files picked up at every sync, vanished ones dropped (and their
 * positions pruned). Files are polled round-robin, one chunk each, waiting
 * for delivery to accept more before every chunk (backpressure).
 */
export class FileTargets implements Source {
  readonly #opts: FileTargetsOptions;
  readonly #tailers = new Map<string, FileTailer>();
  /** Files renamed away from a tailed path (by fileIdentity), with how far they were read. */
  readonly #rotated = new Map<string, number>();
  #stopped = false;
  #syncTimer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | undefined;
  #wakeLoop: (() => void) | undefined;
  readonly #stopSignal = createSignal();

  constructor(options: FileTargetsOptions) {
    this.#opts = options;
  }

  start(): void {
    this.sync();
    this.#syncTimer = setInterval(() => this.sync(), this.#opts.syncPeriodMs);
    this.#loop = this.#pollLoop();
  }

  /** The files currently tailed. */
  paths(): string[] {
    return [...this.#tailers.keys()];
  }

  /** Bytes read and total bytes of the tailed files (a backfill's progress). */
  progress(): { bytesRead: number; bytesTotal: number } {
    let bytesRead = 0;
    let bytesTotal = 0;
    for (const t of this.#tailers.values()) {
      bytesRead += t.offset;
      bytesTotal += Math.max(t.size, t.offset);
    }
    return { bytesRead, bytesTotal };
  }

  /** Re-evaluates the globs: new files get a tailer, vanished or unmatched ones are let go. */
  sync(): void {
    if (this.#stopped) return;
    const { ctx } = this.#opts;
    const wanted = this.#discover();
    const openInodes = new Set<number>();
    for (const t of this.#tailers.values()) openInodes.add(t.ino);
    for (const [path, labels] of wanted) {
      if (this.#tailers.has(path)) continue;
      const saved = ctx.positions.get(path);
      const st = statOf(path);
      // Renamed away from a tailed path and not yet noticed by its tailer: that tailer reads it to its end first.
      if (saved === undefined && st !== undefined && openInodes.has(st.ino)) continue;
      let startOffset = saved !== undefined && /^\d+$/.test(saved) ? Number(saved) : 0;
      if (saved === undefined) {
        const rotatedAt = st === undefined ? undefined : this.#rotated.get(fileIdentity(st));
        if (rotatedAt !== undefined) startOffset = rotatedAt; // a rotated file still matching the glob: no re-read
      }
      this.#tailers.set(path, new FileTailer({
        path,
        labels,
        startOffset,
        pipeline: this.#opts.pipeline,
        ctx,
        onRotated: (identity, offset) => this.#rotated.set(identity, offset),
      }));
      ctx.logger.info('tail routine: started', { path });
    }
    for (const [path, tailer] of this.#tailers) {
      if (wanted.has(path) || !tailer.atEof) continue;
      tailer.close();
      this.#tailers.delete(path);
      if (statOf(path) === undefined) ctx.positions.remove(path);
      ctx.logger.info('tail routine: exited', { path });
    }
    ctx.metrics.filesActive.set(this.#tailers.size);
    this.#wakeLoop?.();
  }

  commit(frontier: number): void {
    for (const t of this.#tailers.values()) t.commit(frontier);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#syncTimer);
    this.#wakeLoop?.();
    this.#stopSignal.resolve();
    await this.#loop;
  }

  /** Waits for delivery to take more, or for stop (a full buffer must not block shutdown). */
  #writable(): Promise<void> {
    return Promise.race([this.#opts.ctx.waitWritable(), this.#stopSignal.promise]);
  }

  /** Closes the files; the runtime calls it after the last commit. */
  close(): void {
    for (const t of this.#tailers.values()) t.close();
    this.#tailers.clear();
  }

  /** Reads every matched file to its end (a backfill), then returns; no polling loop is needed. */
  async readToEnd(): Promise<void> {
    this.sync();
    for (;;) {
      let more = false;
      for (const t of this.#tailers.values()) {
        await this.#writable();
        if (this.#stopped) return;
        if (this.#read(t) || !t.atEof) more = true;
      }
      if (!more || this.#stopped) return;
      await yieldToLoop();
    }
  }

  async #pollLoop(): Promise<void> {
    while (!this.#stopped) {
      let more = true;
      while (more && !this.#stopped) {
        more = false;
        for (const t of this.#tailers.values()) {
          await this.#writable();
          if (this.#stopped) break;
          if (this.#read(t)) more = true;
        }
        if (more) await yieldToLoop();
      }
      if (this.#stopped) break;
      await Promise.race([sleep(this.#opts.pollMs), new Promise<void>((r) => (this.#wakeLoop = r))]);
      this.#wakeLoop = undefined;
    }
  }

  /** One chunk of a file; an I/O error is logged and the file is tried again at the next poll. */
  #read(t: FileTailer): boolean {
    try {
      return t.readChunk();
    } catch (err) {
      this.#opts.ctx.logger.error('error reading file', { path: t.path, error: (err as Error).message });
      return false;
    }
  }

  #discover(): Map<string, Record<string, string>> {
    const { scrape, ctx } = this.#opts;
    const host = this.#opts.hostname ?? osHostname();
    const wanted = new Map<string, Record<string, string>>();
    for (const sc of scrape.staticConfigs) {
      const targets = sc.targets.length > 0 ? sc.targets : ['localhost'];
      for (const target of targets) {
        const labels = applyRelabelConfigs({ __address__: target, ...sc.labels }, scrape.relabelConfigs);
        if (labels === null) {
          ctx.metrics.targetsFailed.inc({ reason: 'dropped' });
          continue;
        }
        if (labels.__host__ !== undefined && labels.__host__ !== host) {
          ctx.metrics.targetsFailed.inc({ reason: 'wrong_host' });
          continue;
        }
        const pattern = labels.__path__;
        if (!pattern) {
          ctx.metrics.targetsFailed.inc({ reason: 'no_path' });
          continue;
        }
        const exclude = labels.__path_exclude__ ? compileGlob(resolve(labels.__path_exclude__)) : undefined;
        const final: Record<string, string> = {};
        for (const [k, v] of Object.entries(labels)) if (!k.startsWith('__')) final[k] = v;
        for (const file of findGlobMatches(resolve(pattern))) {
          if (exclude?.test(file)) continue;
          if (!wanted.has(file)) wanted.set(file, { ...final, filename: file });
        }
      }
    }
    ctx.metrics.targetsActive.set(wanted.size);
    return wanted;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function createSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
