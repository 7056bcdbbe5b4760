/**
 * A cache from a JSON member key, as written between its quotes (escapes
 * left as they are), to what the key means, looked up in place in the line:
 * keys are bucketed by length and compared with startsWith, so the hot path
 * slices and hashes nothing. A bucket holds a few keys; keys beyond
 * that (lines with many distinct keys of one length) go to a Map keyed by
 * the sliced text.
 */
export class JsonKeyTable<T> {
  readonly #buckets: (KeyEntry<T>[] | undefined)[] = [];
  readonly #overflow = new Map<string, T>();

  /** The value stored for the key line[start, start + length), undefined when none. */
  get(line: string, start: number, length: number): T | undefined {
    if (length < maxBucketedLength) {
      const bucket = this.#buckets[length];
      if (bucket === undefined) return undefined;
      for (let b = 0; b < bucket.length; b++) {
        const e = bucket[b] as KeyEntry<T>;
        if (line.startsWith(e.raw, start)) return e.value;
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
        bucket.push({ raw, value });
        return;
      }
    }
    this.#overflow.set(raw, value);
  }
}

interface KeyEntry<T> {
  readonly raw: string;
  readonly value: T;
}

/** Keys per length compared in place before falling back to the Map. */
const bucketSize = 8;
/** Longer keys always use the Map (comparing them in place saves little). */
const maxBucketedLength = 64;
