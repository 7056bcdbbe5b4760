import snappy from 'snappy';
import { WatchpostError, type Logger } from '../../core/index.js';
import type { Spool, SpoolRecord } from '../buffer/spool.js';
import type { ClientConfig } from '../config/types.js';
import type { ShipperMetrics } from '../metrics.js';
import { computeBackoffMs, isRetryableStatus } from './backoff.js';
import { Batch, createExternalLabeler, type OutEntry } from './batch.js';
import { createHttpPoster, type HttpPoster } from './http-post.js';
import { buildPushHeaders } from './push-headers.js';
import { encodePushRequestJson } from './push-encode.js';

export interface LokiPushClientOptions {
  readonly config: ClientConfig;
  readonly metrics: ShipperMetrics;
  readonly logger: Logger;
  /** The on-disk buffer; without one, a batch is dropped after max_retries as promtail does. */
  readonly spool?: Spool | undefined;
  readonly nowMs?: () => number;
  readonly random?: () => number;
  /** Batches held in memory before writers must wait (backpressure). */
  readonly maxQueuedBatches?: number;
  /** `--once`: after max_retries stop and report, leaving the batch in the buffer. */
  readonly giveUpAfterMaxRetries?: boolean;
  /** promtail's limits_config.max_streams: streams per batch, 0 = unlimited. */
  readonly maxStreams?: number;
}

interface QueuedBatch extends SpoolRecord {
  readonly minSeq: number;
}

/**
 * A promtail-compatible Loki client: batches per tenant by batchwait and
 * batchsize, pushes one batch at a time, retries network errors, 429 and 5xx
 * with promtail's backoff, drops other 4xx counting them with their reason.
 *
 * Delivery: a batch is "handed over" once the store acknowledged it, once it
 * was dropped and counted, or once it is fsynced into the spool (which is
 * delivered, in order, before anything newer, also after a restart).
 * `pendingMinSeq()` is the smallest source seq not yet handed over; the
 * runtime never advances positions past it.
 */
export class LokiPushClient {
  readonly #cfg: ClientConfig;
  readonly #metrics: ShipperMetrics;
  readonly #logger: Logger;
  readonly #spool: Spool | undefined;
  readonly #nowMs: () => number;
  readonly #random: () => number;
  readonly #maxQueued: number;
  readonly #giveUp: boolean;
  readonly #maxStreams: number;
  readonly #host: string;
  readonly #poster: HttpPoster;
  readonly #headers: Record<string, string>;
  readonly #open = new Map<string, Batch>();
  readonly #queue: QueuedBatch[] = [];
  readonly #withExternalLabels: (entry: OutEntry) => OutEntry;
  #retries = 0;
  #closed = false;
  #wake: (() => void) | undefined;
  #waiters: Array<() => void> = [];
  #loop: Promise<void>;
  #inFlight = false;
  /** Entries the store acknowledged, and entries dropped (4xx or given up). */
  ackedEntries = 0;
  droppedEntries = 0;
  /** Set when `giveUpAfterMaxRetries` stopped the client. */
  failure: WatchpostError | undefined;

  constructor(options: LokiPushClientOptions) {
    this.#cfg = options.config;
    this.#metrics = options.metrics;
    this.#logger = options.logger.child({ component: 'client', host: new URL(options.config.url).host });
    this.#spool = options.spool;
    this.#nowMs = options.nowMs ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#maxQueued = options.maxQueuedBatches ?? 4;
    this.#giveUp = options.giveUpAfterMaxRetries ?? false;
    this.#maxStreams = options.maxStreams ?? 0;
    this.#host = new URL(options.config.url).host;
    this.#poster = createHttpPoster(options.config.url, { tls: options.config.tls, timeoutMs: options.config.timeoutMs });
    this.#headers = buildPushHeaders(options.config);
    this.#withExternalLabels = createExternalLabeler(options.config.externalLabels);
    this.#metrics.initClient(this.#host, this.#cfg.tenantId);
    this.#metrics.bufferBytes.set({ host: this.#host }, this.#spool?.sizeBytes ?? 0);
    this.#loop = this.#run();
  }

  get host(): string {
    return this.#host;
  }

  get batchWaitMs(): number {
    return this.#cfg.batchWaitMs;
  }

  /** Adds an entry to its tenant's batch, sealing the batch first if the entry would overflow it. */
  add(entry: OutEntry): void {
    const tenant = entry.tenant || this.#cfg.tenantId;
    const out = this.#withExternalLabels(entry);
    const lineBytes = entry.lineBytes ?? Buffer.byteLength(out.line);
    entry.lineBytes = lineBytes; // the next client reuses it
    let batch = this.#open.get(tenant);
    if (batch && batch.bytes + lineBytes > this.#cfg.batchSizeBytes && batch.entries > 0) {
      this.#seal(batch);
      batch = undefined;
    }
    if (!batch) {
      batch = new Batch(tenant, this.#nowMs(), this.#cfg.encoding);
      this.#open.set(tenant, batch);
    }
    const maxStreams = this.#maxStreams;
    if (maxStreams > 0 && batch.streamCount >= maxStreams && !batch.hasStream(out.key)) {
      this.droppedEntries++;
      this.#metrics.droppedEntries.inc({ host: this.#host, tenant, reason: 'stream_limited' });
      this.#metrics.droppedBytes.inc({ host: this.#host, tenant, reason: 'stream_limited' }, lineBytes);
      return;
    }
    batch.add(out, lineBytes);
  }

  /** Seals batches older than batchwait (the runtime calls it every batchwait/10, min 10 ms). */
  tick(): void {
    const now = this.#nowMs();
    for (const batch of [...this.#open.values()]) if (now - batch.createdMs >= this.#cfg.batchWaitMs) this.#seal(batch);
  }

  /** Seals every open batch (shutdown, end of a backfill). */
  sealAll(): void {
    for (const batch of [...this.#open.values()]) this.#seal(batch);
  }

  /** The smallest seq not handed over (Infinity when everything is). */
  pendingMinSeq(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const b of this.#open.values()) min = Math.min(min, b.minSeq);
    for (const b of this.#queue) min = Math.min(min, b.minSeq);
    return min;
  }

  /** Whether the runtime may add more (memory queue below its bound). */
  writable(): boolean {
    return this.#queue.length < this.#maxQueued || this.#closed;
  }

  /** Nothing open, queued, spooled or in flight. */
  idle(): boolean {
    return this.#open.size === 0 && this.#queue.length === 0 && (this.#spool?.isEmpty ?? true) && !this.#inFlight;
  }

  /** Resolves when the state changes (a batch consumed); callers re-check what they wait for. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Stops the sender after the current attempt; what is left stays queued (spilled to the spool if there is one). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    await this.#loop;
    if (this.#spool) {
      while (this.#queue.length > 0 && this.#spool.append(this.#queue[0] as QueuedBatch)) this.#queue.shift();
    }
    this.#notify();
    this.#poster.close();
  }

  #seal(batch: Batch): void {
    this.#open.delete(batch.tenant);
    const body =
      this.#cfg.encoding === 'json'
        ? encodePushRequestJson(batch.streams())
        : (snappy.compressSync(batch.encodeProto(), { copyOutputData: true }) as Buffer);
    this.#metrics.encodedBytes.inc({ host: this.#host }, body.length);
    const queued: QueuedBatch = { tenant: batch.tenant, entries: batch.entries, lineBytes: batch.bytes, body, minSeq: batch.minSeq };
    // In an outage new batches go straight to disk, behind what is already there.
    if (this.#spool && !this.#spool.isEmpty && this.#queue.length === 0 && this.#spool.append(queued)) {
      this.#metrics.bufferBytes.set({ host: this.#host }, this.#spool.sizeBytes);
    } else this.#queue.push(queued);
    this.#wake?.();
  }

  #next(): { record: SpoolRecord; fromSpool: boolean } | undefined {
    const spooled = this.#spool && !this.#spool.isEmpty ? this.#spool.peek() : undefined;
    if (spooled) return { record: spooled, fromSpool: true };
    const head = this.#queue[0];
    return head ? { record: head, fromSpool: false } : undefined;
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      const item = this.#next();
      if (!item) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
      this.#inFlight = true;
      const status = await this.#send(item.record);
      this.#inFlight = false;
      const tenantLabel = item.record.tenant || this.#cfg.tenantId;
      if (status >= 200 && status < 300) {
        this.#retries = 0;
        this.#metrics.sentBytes.inc({ host: this.#host }, item.record.body.length);
        this.#metrics.sentEntries.inc({ host: this.#host }, item.record.entries);
        this.ackedEntries += item.record.entries;
        this.#consume(item.fromSpool);
        continue;
      }
      if (!isRetryableStatus(status, this.#cfg.dropRateLimitedBatches)) {
        this.#retries = 0;
        this.#drop(item.record, status === 429 ? 'rate_limited' : 'ingester_error', tenantLabel);
        this.#consume(item.fromSpool);
        continue;
      }
      this.#retries++;
      const { maxRetries } = this.#cfg.backoff;
      if (maxRetries > 0 && this.#retries > maxRetries) {
        if (!this.#spool) {
          // promtail: give up on the batch after max_retries.
          this.#retries = 0;
          this.#drop(item.record, status === 429 ? 'rate_limited' : 'ingester_error', tenantLabel);
          this.#consume(false);
          continue;
        }
        if (this.#giveUp) {
          this.failure = new WatchpostError('ERR_SHIP_PUSH', `${this.#cfg.url}: no answer after ${maxRetries} retries (last status ${status}); batches kept in the buffer`);
          this.#spillToSpool();
          this.#notify();
          return;
        }
        if (this.#retries === maxRetries + 1) this.#logger.warn('max retries reached; the batch stays in the buffer and is retried every max_period', { retries: maxRetries });
      }
      this.#metrics.batchRetries.inc({ host: this.#host, tenant: tenantLabel });
      if (!item.fromSpool) this.#spillToSpool();
      const delayMs = computeBackoffMs(this.#cfg.backoff, this.#retries, this.#random);
      this.#logger.warn('error sending batch, will retry', { status, retry: this.#retries, delay_ms: Math.round(delayMs) });
      await this.#sleep(delayMs);
    }
  }

  #drop(record: SpoolRecord, reason: 'rate_limited' | 'ingester_error', tenant: string): void {
    this.droppedEntries += record.entries;
    this.#metrics.droppedEntries.inc({ host: this.#host, tenant, reason }, record.entries);
    this.#metrics.droppedBytes.inc({ host: this.#host, tenant, reason }, record.lineBytes);
  }

  #consume(fromSpool: boolean): void {
    if (fromSpool && this.#spool) {
      this.#spool.advance();
      // Keep memory free while the spool drains: older memory batches follow the spool's tail.
      while (!this.#spool.isEmpty && this.#queue.length > 0 && this.#spool.append(this.#queue[0] as QueuedBatch)) this.#queue.shift();
      this.#metrics.bufferBytes.set({ host: this.#host }, this.#spool.sizeBytes);
    } else this.#queue.shift();
    this.#notify();
  }

  #spillToSpool(): void {
    if (!this.#spool) return;
    while (this.#queue.length > 0 && this.#spool.append(this.#queue[0] as QueuedBatch)) this.#queue.shift();
    if (this.#spool.lastError) this.#logger.error('cannot write the delivery buffer; batches wait in memory', { error: this.#spool.lastError.message });
    this.#metrics.bufferBytes.set({ host: this.#host }, this.#spool.sizeBytes);
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  /** One POST; resolves to the HTTP status, -1 on a network error or timeout. */
  async #send(record: SpoolRecord): Promise<number> {
    const headers = { ...this.#headers };
    const tenant = record.tenant || this.#cfg.tenantId;
    if (tenant) headers['x-scope-orgid'] = tenant;
    const started = performance.now();
    let status = -1;
    try {
      const res = await this.#poster.post(headers, record.body);
      status = res.status;
      if (status < 200 || status >= 300) {
        this.#logger.error('final error sending batch', { status, error: res.text.split('\n')[0] ?? '' });
      }
    } catch (err) {
      this.#logger.warn('push failed', { error: (err as Error).message });
    }
    this.#metrics.requestDuration.observe({ status_code: String(status), host: this.#host }, (performance.now() - started) / 1000);
    return status;
  }
}
