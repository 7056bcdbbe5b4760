import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Registry } from 'prom-client';
import { createLogger, WatchpostError, type Logger } from '../../core/index.js';
import { Spool } from '../buffer/spool.js';
import type { ShipperConfig } from '../config/types.js';
import { createShipperMetrics, type ShipperMetrics } from '../metrics.js';
import { startShipperServer, type ShipperServer } from '../server.js';
import { LokiPushClient } from '../sinks/loki-push.js';
import { FileTargets } from '../sources/file-targets.js';
import { JournalTarget } from '../sources/journal.js';
import { Positions } from '../sources/positions.js';
import { StdinSource } from '../sources/stdin.js';
import { SyslogTarget } from '../sources/syslog.js';
import type { EntryPipeline, Source, SourceContext } from '../sources/types.js';
import { buildPipeline, type Pipeline, type PipelineEntry } from '../stages/index.js';
import { Delivery } from './delivery.js';

export interface ShipperOptions {
  readonly config: ShipperConfig;
  readonly logger?: Logger | undefined;
  /** `-dry-run`: print entries here instead of sending them (nothing is buffered, positions are not written). */
  readonly dryRun?: ((text: string) => void) | undefined;
  /** The delivery buffer's directory; default `watchpost-buffer` beside the positions file. */
  readonly bufferDir?: string | undefined;
  /** The delivery buffer's bound; default 512 MiB per client. */
  readonly bufferMaxBytes?: number | undefined;
  /** Read lines from this stream too (promtail's stdin mode). */
  readonly stdin?: Readable | undefined;
  /** A backfill: read to the end, deliver, stop; give up after max_retries. */
  readonly once?: boolean | undefined;
  /** Start the /metrics and /ready server (default true unless server.disable). */
  readonly listen?: boolean | undefined;
  readonly nowMs?: (() => number) | undefined;
}

/** Reading pauses while stages hold more than this (promtail's blocking `limit`). */
const maxHeldEntries = 1000;

interface ScrapeRun extends EntryPipeline {
  readonly stages: Pipeline;
}

/** What a backfill did. */
export interface OnceResult {
  readonly linesRead: number;
  readonly entriesAcked: number;
  readonly entriesDropped: number;
  readonly failure: Error | undefined;
}

/**
 * A running shipper: sources → scrape pipelines (stages) → delivery →
 * clients (batching, retries, spool). Start and reload share one path: a
 * config is built into a Shipper by `startShipper`; reloading stops the old
 * one and starts the new one.
 *
 * Positions advance to the last line below the delivery frontier: the
 * smallest seq still held by a stage, an open or queued batch of any client.
 */
export class Shipper implements SourceContext {
  readonly config: ShipperConfig;
  readonly registry = new Registry();
  readonly metrics: ShipperMetrics;
  readonly logger: Logger;
  readonly positions: Positions;
  readonly clients: LokiPushClient[] = [];
  readonly sources: Source[] = [];
  readonly fileTargets: FileTargets[] = [];
  server: ShipperServer | undefined;
  linesRead = 0;
  readonly #runs: ScrapeRun[] = [];
  readonly #delivery: Delivery;
  readonly #out: PipelineEntry[] = [];
  readonly #nowMs: () => number;
  readonly #dryRun: boolean;
  readonly #timers: NodeJS.Timeout[] = [];
  #seq = 0;
  #lastNs = 0n;
  #lastMs = -1;
  #stopped = false;
  #flushWaiters: Array<() => void> = [];
  /** Bytes of file targets already closed (progress after stop). */
  #closedBytes = { read: 0, total: 0 };

  constructor(options: ShipperOptions) {
    const config = options.config;
    this.config = config;
    this.logger = options.logger ?? createLogger({ level: config.server.logLevel as 'info' });
    this.metrics = createShipperMetrics(this.registry);
    this.#nowMs = options.nowMs ?? Date.now;
    this.#dryRun = options.dryRun !== undefined;
    // Stages first: a stage config error throws before any file or buffer is opened.
    for (const sc of config.scrapeConfigs) {
      const stages = buildPipeline(sc.pipelineStages, { registry: this.registry, jobName: sc.jobName, logger: this.logger, nowMs: this.#nowMs });
      this.#runs.push({ jobName: sc.jobName, stages });
    }
    this.positions = new Positions(config.positions.filename, { ignoreInvalidYaml: config.positions.ignoreInvalidYaml });
    const bufferDir = options.bufferDir ?? join(dirname(config.positions.filename), 'watchpost-buffer');
    if (!this.#dryRun) {
      config.clients.forEach((c, i) => {
        const dir = join(bufferDir, `${i}-${c.name.replace(/[^\w.-]/g, '_')}`);
        let spool: Spool;
        try {
          spool = new Spool(dir, options.bufferMaxBytes ?? 512 * 1024 * 1024);
        } catch (err) {
          throw new WatchpostError('ERR_CONFIG_INVALID', `cannot open the delivery buffer ${dir}: ${(err as Error).message}`, { cause: err });
        }
        this.clients.push(new LokiPushClient({ config: c, metrics: this.metrics, logger: this.logger, spool, giveUpAfterMaxRetries: options.once, maxStreams: config.limits.maxStreams }));
      });
    }
    this.#delivery = new Delivery({ clients: this.clients, limits: config.limits, metrics: this.metrics, logger: this.logger, dryRun: options.dryRun });
    config.scrapeConfigs.forEach((sc, i) => {
      const run = this.#runs[i] as ScrapeRun;
      if (sc.staticConfigs.length > 0) {
        const ft = new FileTargets({ scrape: sc, pipeline: run, ctx: this, syncPeriodMs: config.targetSyncPeriodMs, pollMs: config.filePollMs });
        this.fileTargets.push(ft);
        this.sources.push(ft);
      }
      if (options.once) return;
      if (sc.journal) this.sources.push(new JournalTarget({ jobName: sc.jobName, config: sc.journal, relabel: sc.relabelConfigs, pipeline: run, ctx: this }));
      if (sc.syslog) this.sources.push(new SyslogTarget({ config: sc.syslog, relabel: sc.relabelConfigs, pipeline: run, ctx: this }));
    });
    if (options.stdin) {
      const first = this.#runs[0] ?? { jobName: 'stdin', stages: buildPipeline([], { registry: this.registry, jobName: 'stdin', logger: this.logger, nowMs: this.#nowMs }) };
      this.sources.push(new StdinSource({ stream: options.stdin, pipeline: first, ctx: this }));
    }
  }

  emit(pipeline: EntryPipeline, labels: Record<string, string>, line: string, tsNs?: bigint): number {
    const seq = ++this.#seq;
    this.linesRead++;
    const entry: PipelineEntry = { labels, extracted: {}, tsNs: tsNs ?? this.nowNs(), line, source: { seq } };
    const out = this.#out;
    (pipeline as ScrapeRun).stages.process(entry, out);
    // One entry out is the common case: pop() is cheaper than truncating the array.
    if (out.length === 1) this.#delivery.deliverOne(out.pop() as PipelineEntry);
    else if (out.length > 1) {
      this.#delivery.deliver(out);
      out.length = 0;
    }
    return seq;
  }

  waitWritable(): Promise<void> {
    if (this.#heldCount() > maxHeldEntries) return this.#waitHeld();
    return this.#delivery.writable() ? Promise.resolve() : this.#delivery.waitWritable();
  }

  #heldCount(): number {
    let n = 0;
    for (const run of this.#runs) n += run.stages.heldCount();
    return n;
  }

  /** Stages hold many entries (limit with drop: false): wait for flushes to release them, then for delivery. */
  async #waitHeld(): Promise<void> {
    while (this.#heldCount() > maxHeldEntries && !this.#stopped) {
      await new Promise<void>((resolve) => this.#flushWaiters.push(resolve));
    }
    if (!this.#delivery.writable()) await this.#delivery.waitWritable();
  }

  nowNs(): bigint {
    const ms = this.#nowMs();
    // Within one millisecond (most lines of a chunk) one BigInt add, not a conversion and a multiply.
    if (ms === this.#lastMs) return (this.#lastNs += 1n);
    this.#lastMs = ms;
    let ns = BigInt(ms) * 1_000_000n;
    if (ns <= this.#lastNs) ns = this.#lastNs + 1n;
    this.#lastNs = ns;
    return ns;
  }

  /** Lines read, bytes read of all file targets and their total, entries acknowledged so far. */
  progress(): { lines: number; bytesRead: number; bytesTotal: number; acked: number } {
    let bytesRead = this.#closedBytes.read;
    let bytesTotal = this.#closedBytes.total;
    for (const ft of this.fileTargets) {
      const p = ft.progress();
      bytesRead += p.bytesRead;
      bytesTotal += p.bytesTotal;
    }
    const acked = this.clients.length > 0 ? Math.min(...this.clients.map((c) => c.ackedEntries)) : this.linesRead;
    return { lines: this.linesRead, bytesRead, bytesTotal, acked };
  }

  /** Everything below this seq was handed over (acknowledged, dropped and counted, or spooled). */
  frontier(): number {
    let min = Math.min(this.#seq + 1, this.#delivery.pendingMinSeq());
    for (const run of this.#runs) {
      const held = run.stages.heldMinSeq();
      if (held !== undefined && held < min) min = held;
    }
    return min;
  }

  /** Advances positions to the frontier and writes the positions file. */
  commitPositions(): void {
    if (this.#dryRun) return;
    const frontier = this.frontier();
    for (const s of this.sources) s.commit(frontier);
    try {
      this.positions.save();
    } catch (err) {
      // Positions lag (lines may be sent again after a restart); nothing is lost.
      this.logger.error('error writing positions file', { file: this.config.positions.filename, error: (err as Error).message });
    }
  }

  /** promtail's readiness: running, with at least one target (a tailed file, or a journal, syslog or stdin source). */
  ready(): boolean {
    if (this.#stopped) return false;
    return this.sources.some((s) => !(s instanceof FileTargets)) || this.fileTargets.some((ft) => ft.paths().length > 0);
  }

  /** Starts sources, timers and the HTTP server. */
  async start(options: { listen?: boolean | undefined } = {}): Promise<void> {
    if ((options.listen ?? true) && !this.config.server.disable) {
      const { httpListenAddress: address, httpListenPort: port } = this.config.server;
      try {
        this.server = await startShipperServer({ address, port, registry: () => this.registry, ready: () => this.ready() });
      } catch (err) {
        await this.stop(0);
        throw new WatchpostError('ERR_CONFIG_INVALID', `server: cannot listen on ${address}:${port}: ${(err as Error).message}`, { cause: err });
      }
    }
    this.#startTimers();
    for (const s of this.sources) s.start();
  }

  #startTimers(): void {
    this.#timers.push(setInterval(() => this.#flushStages(false), 100));
    for (const c of this.clients) {
      this.#timers.push(setInterval(() => c.tick(), Math.max(10, Math.floor(c.batchWaitMs / 10))));
    }
    this.#timers.push(setInterval(() => this.commitPositions(), this.config.positions.syncPeriodMs));
  }

  #flushStages(force: boolean): void {
    const out = this.#out;
    for (const run of this.#runs) {
      run.stages.flush(this.#nowMs(), out, force);
      if (out.length > 0) {
        this.#delivery.deliver(out);
        out.length = 0;
      }
    }
    const waiters = this.#flushWaiters;
    this.#flushWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * A backfill: reads every matched file (and stdin) to its end, delivers
   * everything, writes positions. Sources that never end are not started.
   */
  async runOnce(): Promise<OnceResult> {
    this.#startTimers();
    const ends = this.sources.map((s) => s.readToEnd?.() ?? Promise.resolve());
    await Promise.all(ends);
    this.#flushStages(true);
    for (const c of this.clients) c.sealAll();
    while (this.clients.some((c) => !c.idle() && c.failure === undefined)) {
      await Promise.race(this.clients.filter((c) => !c.idle() && c.failure === undefined).map((c) => c.changed()));
    }
    const failure = this.clients.find((c) => c.failure)?.failure;
    await this.stop();
    return {
      linesRead: this.linesRead,
      entriesAcked: this.clients.reduce((n, c) => n + c.ackedEntries, 0),
      entriesDropped: this.clients.reduce((n, c) => n + c.droppedEntries, 0),
      failure,
    };
  }

  /**
   * Stops reading, releases what stages hold, gives clients `drainMs` to send
   * what is pending (the rest stays in the buffer), and writes positions.
   */
  async stop(drainMs = 5000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await Promise.all(this.sources.map((s) => s.stop()));
    this.#flushStages(true);
    for (const c of this.clients) c.sealAll();
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline && this.clients.some((c) => !c.idle() && c.failure === undefined)) {
      await Promise.race([
        ...this.clients.map((c) => c.changed()),
        new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now()))),
      ]);
    }
    for (const t of this.#timers) clearInterval(t);
    await Promise.all(this.clients.map((c) => c.close()));
    this.commitPositions();
    for (const s of this.fileTargets) {
      const p = s.progress();
      this.#closedBytes = { read: this.#closedBytes.read + p.bytesRead, total: this.#closedBytes.total + p.bytesTotal };
      s.close();
    }
    for (const run of this.#runs) run.stages.close();
    await this.server?.close();
  }
}
