import { formatLabels } from '../../core/index.js';
import type { PushEntry, PushStream } from './push-encode.js';

/** An entry ready for a client: final labels (no `__` names), its stream key, its source seq. */
export interface OutEntry {
  readonly labels: Readonly<Record<string, string>>;
  /** Set by the client when it sizes the entry. */
  lineBytes?: number | undefined;
  /** formatLabels(labels). */
  readonly key: string;
  readonly tsNs: bigint;
  readonly line: string;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly tenant: string;
  readonly seq: number;
}

interface MutableStream {
  key: string;
  labels: Readonly<Record<string, string>>;
  entries: PushEntry[];
}

/** The entries of one tenant collected for one push, grouped by stream. */
export class Batch {
  readonly tenant: string;
  readonly createdMs: number;
  readonly #streams = new Map<string, MutableStream>();
  bytes = 0;
  entries = 0;
  minSeq = Number.POSITIVE_INFINITY;

  constructor(tenant: string, createdMs: number) {
    this.tenant = tenant;
    this.createdMs = createdMs;
  }

  /** Adds an entry whose line is `lineBytes` long (promtail sizes batches by line bytes). */
  add(entry: OutEntry, lineBytes: number): void {
    // The entry itself is the push entry (no copy): it is not shared across clients once sized.
    let stream = this.#streams.get(entry.key);
    if (!stream) {
      stream = { key: entry.key, labels: entry.labels, entries: [] };
      this.#streams.set(entry.key, stream);
    }
    entry.lineBytes = lineBytes;
    stream.entries.push(entry);
    this.bytes += lineBytes;
    this.entries++;
    if (entry.seq < this.minSeq) this.minSeq = entry.seq;
  }

  /** Whether the batch already has a stream with this key. */
  hasStream(key: string): boolean {
    return this.#streams.has(key);
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  streams(): PushStream[] {
    return [...this.#streams.values()];
  }
}

/**
 * A client's `external_labels` merged into entries (the entry's labels win),
 * with the merged stream key cached per entry stream.
 */
export function createExternalLabeler(external: Readonly<Record<string, string>>): (entry: OutEntry) => OutEntry {
  if (Object.keys(external).length === 0) return (entry) => entry;
  const cache = new Map<string, { key: string; labels: Readonly<Record<string, string>> }>();
  return (entry) => {
    let cached = cache.get(entry.key);
    if (!cached) {
      const labels = { ...external, ...entry.labels };
      cached = { key: formatLabels(labels), labels };
      if (cache.size > 10_000) cache.clear();
      cache.set(entry.key, cached);
    }
    return { ...entry, key: cached.key, labels: cached.labels };
  };
}
