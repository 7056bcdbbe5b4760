/**
 * A cache from a JSON member key, as written between its quotes (escapes
 * left as they are), to what the key means, looked up in place in the line:
 * nothing is sliced or hashed on the hot path. Keys are bucketed by length;
 * a bucket's keys are told apart by three characters (first, middle, last)
 * and the one that fits is confirmed with indexOf, a native comparison much
 * cheaper than startsWith's. A bucket holds a few keys; keys beyond that
 * (lines with many distinct keys of one length) go to a Map keyed by the
 * sliced text.
 */
export class JsonKeyTable<T> {
  readonly #buckets: (KeyEntry<T>[] | undefined)[] = [];
  readonly #overflow = new Map<string, T>();
  /**
   * Keys that passed the three-character test but were another key. Each
   * cost indexOf a search of the rest of the line; past a few, the table
   * confirms with startsWith, whose cost is bounded by the key's length.
   */
  #nearMisses = 0;

  /** The value stored for the key line[start, start + length), undefined when none. */
  get(line: string, start: number, length: number): T | undefined {
    if (length < maxBucketedLength) {
      const bucket = this.#buckets[length];
      if (bucket === undefined) return undefined;
      if (length === 0) return (bucket[0] as KeyEntry<T>).value;
      const first = line.charCodeAt(start);
      const mid = line.charCodeAt(start + (length >> 1));
      const last = line.charCodeAt(start + length - 1);
      for (let b = 0; b < bucket.length; b++) {
        const e = bucket[b] as KeyEntry<T>;
        if (e.first !== first || e.mid !== mid || e.last !== last) continue;
        if (this.#nearMisses < maxNearMisses ? line.indexOf(e.raw, start) === start : line.startsWith(e.raw, start)) return e.value;
        this.#nearMisses++;
      }
      if (bucket.length < bucketSize) return undefined;
    }
    return this.#overflow.size === 0 ? undefined : this.#overflow.get(line.slice(start, start + length));
  }

  /** Stores `value` for the raw key text `raw` (not yet stored). */
  set(raw: string, value: T): void {
    const length = raw.length;
    if (length < maxBucketedLength) {
      let bucket = this.#buckets[length];
      if (bucket === undefined) {
        // Fill the holes so the array stays packed (fast element access).
        while (this.#buckets.length < length) this.#buckets.push(undefined);
        bucket = [];
        this.#buckets[length] = bucket;
      }
      if (bucket.length < bucketSize) {
        bucket.push({ raw, value, first: raw.charCodeAt(0), mid: raw.charCodeAt(length >> 1), last: raw.charCodeAt(length - 1) });
        return;
      }
    }
    this.#overflow.set(raw, value);
  }
}

interface KeyEntry<T> {
  readonly raw: string;
  readonly value: T;
  /** The key's first, middle and last characters (NaN for the empty key, which needs no test). */
  readonly first: number;
  readonly mid: number;
  readonly last: number;
}

/** Keys per length compared in place before falling back to the Map. */
const bucketSize = 8;
/** Near misses a table tolerates before it stops confirming keys with indexOf. */
const maxNearMisses = 64;
/** Longer keys always use the Map (comparing them in place saves little). */
const maxBucketedLength = 64;
