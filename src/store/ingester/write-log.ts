/**
 * What a tenant's data went through since a point in time, for readers that
 * keep results between queries (the ruler's incremental evaluation): every
 * accepted push records the oldest entry timestamp it made visible; deletes
 * and retention record "everything may have changed". Versions only grow.
 *
 * Only the last `capacity` records are kept; asking about an older version
 * answers "everything", which is always safe.
 */
export class WriteLog {
  /** The oldest possible timestamp: "anything may have changed". */
  static readonly everything = -(2n ** 63n);

  readonly #capacity: number;
  /** version → oldest timestamp of that write, ring-indexed by version % capacity. */
  readonly #oldest: BigInt64Array;
  #version = 0;

  constructor(capacity = 4096) {
    this.#capacity = capacity;
    this.#oldest = new BigInt64Array(capacity);
  }

  /** The version after the last recorded change (0 before any). */
  get version(): number {
    return this.#version;
  }

  /** Records entries made visible to queries; `oldestTsNs` is the smallest timestamp among them. */
  record(oldestTsNs: bigint): void {
    this.#oldest[this.#version % this.#capacity] = oldestTsNs;
    this.#version++;
  }

  /** Records a change that may touch any time (a delete request, retention). */
  invalidate(): void {
    this.record(WriteLog.everything);
  }

  /**
   * The oldest timestamp written after `version` was read: undefined when
   * nothing was, `WriteLog.everything` when anything may have changed (or
   * `version` is too old to tell).
   */
  oldestSince(version: number): bigint | undefined {
    const now = this.#version;
    if (version >= now) return undefined;
    if (now - version > this.#capacity || version < 0) return WriteLog.everything;
    let oldest: bigint | undefined;
    for (let v = version; v < now; v++) {
      const ts = this.#oldest[v % this.#capacity] as bigint;
      if (oldest === undefined || ts < oldest) oldest = ts;
    }
    return oldest;
  }
}
