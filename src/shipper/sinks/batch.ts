import { formatLabels } from '../../core/index.js';
import { assemblePushRequest, ProtoStreamWriter } from './proto-stream-writer.js';
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

/**
 * The entries of one tenant collected for one push, grouped by stream. In
 * protobuf mode entries are encoded as they arrive (ProtoStreamWriter); in
 * JSON mode they are kept and encoded at the end.
 */
export class Batch {
  readonly tenant: string;
  readonly createdMs: number;
  readonly #json: boolean;
  readonly #streams = new Map<string, MutableStream>();
  readonly #writers = new Map<string, ProtoStreamWriter>();
  bytes = 0;
  entries = 0;
  minSeq = Number.POSITIVE_INFINITY;

  constructor(tenant: string, createdMs: number, encoding: 'protobuf' | 'json' = 'protobuf') {
    this.tenant = tenant;
    this.createdMs = createdMs;
    this.#json = encoding === 'json';
  }

  /** Adds an entry whose line is `lineBytes` long (promtail sizes batches by line bytes). */
  add(entry: OutEntry, lineBytes: number): void {
    if (this.#json) {
      let stream = this.#streams.get(entry.key);
      if (!stream) {
        stream = { key: entry.key, labels: entry.labels, entries: [] };
        this.#streams.set(entry.key, stream);
      }
      entry.lineBytes = lineBytes;
      stream.entries.push(entry);
    } else {
      let writer = this.#writers.get(entry.key);
      if (!writer) {
        writer = new ProtoStreamWriter(entry.key);
        this.#writers.set(entry.key, writer);
      }
      writer.append(entry.tsNs, entry.line, lineBytes, entry.metadata);
    }
    this.bytes += lineBytes;
    this.entries++;
    if (entry.seq < this.minSeq) this.minSeq = entry.seq;
  }

  /** Whether the batch already has a stream with this key. */
  hasStream(key: string): boolean {
    return this.#json ? this.#streams.has(key) : this.#writers.has(key);
  }

  get streamCount(): number {
    return this.#json ? this.#streams.size : this.#writers.size;
  }

  /** JSON mode: the streams with their entries. */
  streams(): PushStream[] {
    return [...this.#streams.values()];
  }

  /** Protobuf mode: the PushRequest bytes (valid until the next batch is encoded); the batch's buffers are released. */
  encodeProto(): Buffer {
    const writers = [...this.#writers.values()];
    const bytes = assemblePushRequest(writers);
    for (const w of writers) w.release();
    this.#writers.clear();
    return bytes;
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
