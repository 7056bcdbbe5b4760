import { formatLabels, type Logger } from '../../core/index.js';
import type { LimitsConfig } from '../config/types.js';
import type { ShipperMetrics } from '../metrics.js';
import type { OutEntry } from '../sinks/batch.js';
import type { LokiPushClient } from '../sinks/loki-push.js';
import type { PipelineEntry } from '../stages/index.js';

export interface DeliveryOptions {
  readonly clients: readonly LokiPushClient[];
  readonly limits: LimitsConfig;
  readonly metrics: ShipperMetrics;
  readonly logger?: Logger | undefined;
  /** `-dry-run`: entries are printed here instead of sent. */
  readonly dryRun?: ((text: string) => void) | undefined;
}

interface StreamKey {
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The end of every pipeline: turns stage output into what clients send
 * (labels starting with `__` removed, `__tenant_id__` taken as the tenant,
 * empty values dropped, promtail's max_line_size), and hands each entry to
 * every client, or prints it in dry-run mode.
 */
export class Delivery {
  readonly #opts: DeliveryOptions;
  readonly #keys = new Map<string, StreamKey>();
  readonly #hosts: string[];
  #paused = false;
  readonly #recentStreams: Array<{ names: string[]; values: string[]; stream: StreamKey }> = [];

  constructor(options: DeliveryOptions) {
    this.#opts = options;
    this.#hosts = options.clients.map((c) => c.host);
  }

  deliver(entries: readonly PipelineEntry[]): void {
    for (const e of entries) this.deliverOne(e);
  }

  deliverOne(e: PipelineEntry): void {
    let tenant = e.tenant;
    if (tenant === undefined && e.labels.__tenant_id__ !== undefined) tenant = e.labels.__tenant_id__;
    const stream = this.#recent(e.labels) ?? this.#lookup(e.labels);
    let line = e.line;
    const max = this.#opts.limits.maxLineSizeBytes;
    if (max > 0 && line.length > max / 4 && Buffer.byteLength(line) > max) {
      if (!this.#opts.limits.maxLineSizeTruncate) {
        for (const host of this.#hosts) {
          this.#opts.metrics.droppedEntries.inc({ host, tenant: tenant ?? '', reason: 'line_too_long' });
          this.#opts.metrics.droppedBytes.inc({ host, tenant: tenant ?? '', reason: 'line_too_long' }, Buffer.byteLength(line));
        }
        return;
      }
      line = Buffer.from(line).subarray(0, max).toString('utf8');
    }
    const out: OutEntry = { labels: stream.labels, key: stream.key, tsNs: e.tsNs, line, metadata: e.metadata, tenant: tenant ?? '', seq: e.source.seq };
    if (this.#opts.dryRun) this.#opts.dryRun(`${formatDryRunTime(e.tsNs)}\t${stream.key}\t${line}\n`);
    else for (const client of this.#opts.clients) client.add(out);
  }

  /**
   * The stream of a label set seen lately: most entries repeat one of a few
   * label sets, and comparing the same string objects is cheaper than
   * building and hashing a key.
   */
  #recent(labels: Readonly<Record<string, string>>): StreamKey | undefined {
    for (const r of this.#recentStreams) {
      let i = 0;
      let same = true;
      for (const name in labels) {
        if (r.names[i] !== name || r.values[i] !== labels[name]) {
          same = false;
          break;
        }
        i++;
      }
      if (same && i === r.names.length) return r.stream;
    }
    return undefined;
  }

  #lookup(labels: Readonly<Record<string, string>>): StreamKey {
    let cacheKey = '';
    const names: string[] = [];
    const values: string[] = [];
    for (const name in labels) {
      const value = labels[name] as string;
      names.push(name);
      values.push(value);
      if (name.charCodeAt(0) === 95 && name.charCodeAt(1) === 95) continue;
      if (value !== '') cacheKey += `${name}\u0000${value}\u0001`;
    }
    let stream = this.#keys.get(cacheKey);
    if (!stream) {
      const clean: Record<string, string> = {};
      for (const name in labels) {
        const value = labels[name] as string;
        if (!name.startsWith('__') && value !== '') clean[name] = value;
      }
      stream = { key: formatLabels(clean), labels: Object.freeze(clean) };
      if (this.#keys.size >= 10_000) this.#keys.clear();
      this.#keys.set(cacheKey, stream);
    }
    this.#recentStreams.unshift({ names, values, stream });
    if (this.#recentStreams.length > 8) this.#recentStreams.pop();
    return stream;
  }

  /** The smallest seq a client has not handed over yet. */
  pendingMinSeq(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const c of this.#opts.clients) min = Math.min(min, c.pendingMinSeq());
    return min;
  }

  writable(): boolean {
    for (const c of this.#opts.clients) if (!c.writable()) return false;
    return true;
  }

  /** Resolves once every client can take more. */
  async waitWritable(): Promise<void> {
    for (;;) {
      const blocked = this.#opts.clients.find((c) => !c.writable());
      if (!blocked) return;
      if (!this.#paused) {
        this.#paused = true;
        this.#opts.metrics.readingPaused.set(1);
        this.#opts.logger?.warn('delivery buffer full, reading paused until the store takes batches again', { code: 'ERR_SHIP_BUFFER_FULL', host: blocked.host });
      }
      await blocked.changed();
      if (this.#opts.clients.every((c) => c.writable())) {
        this.#paused = false;
        this.#opts.metrics.readingPaused.set(0);
      }
    }
  }
}

/** promtail's dry-run time format, `2006-01-02T15:04:05.999999999-0700`, in UTC. */
export function formatDryRunTime(tsNs: bigint): string {
  const ms = Number(tsNs / 1_000_000n);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const frac = (tsNs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${iso}${frac ? `.${frac}` : ''}+0000`;
}
