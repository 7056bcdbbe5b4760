/**
 * A cache from a JSON member key, as written between its quotes (escapes
 * left as they are), to what the key means, recognised in place in the line
 * before its end is known: nothing is sliced or hashed on the hot path, and
 * a known key's closing quote needs no search. Keys are bucketed by their
 * first character; a bucket's keys are told apart by the quote that must
 * follow each and its last character, and the one that fits is confirmed
 * with indexOf (key and closing quote), a native comparison much cheaper
 * than startsWith's. A bucket holds a few keys; the others (lines with many
 * distinct keys, the empty key, very long keys) go to a Map keyed by the
 * sliced text, for after the key's end is found.
 */
export class JsonKeyTable<T> {
  readonly #buckets: (KnownKey<T>[] | undefined)[] = [];
  readonly #overflow = new Map<string, T>();
  /**
   * Keys that passed the two-character test but were another key. Each
   * cost indexOf a search of the rest of the line; past a few, the table
   * confirms with startsWith, whose cost is bounded by the key's length.
   */
  #nearMisses = 0;

  /**
   * The known key that starts at `start` (after its opening quote) and
   * closes at its length, undefined when none is in a bucket (then find the
   * key's end and ask `get`). A key closes where a stored key closed: the
   * characters before its quote, backslashes included, are the same.
   */
  match(line: string, start: number): KnownKey<T> | undefined {
    const c = line.charCodeAt(start);
    const bucket = this.#buckets[c < 128 ? c : 128];
    if (bucket === undefined) return undefined;
    for (let b = 0; b < bucket.length; b++) {
      const k = bucket[b] as KnownKey<T>;
      const end = start + k.length;
      if (line.charCodeAt(end) !== 34 || line.charCodeAt(end - 1) !== k.last) continue;
      if (k.length <= shortKey) {
        // First and last characters and the quote are checked: compare the few others here.
        if (sameMiddle(line, start, k)) return k;
      } else if (this.#nearMisses < maxNearMisses ? line.indexOf(k.quoted, start) === start : line.startsWith(k.quoted, start)) return k;
      else this.#nearMisses++;
    }
    return undefined;
  }

  /** The value stored for the raw key `raw` outside the buckets (match found none). */
  get(raw: string): T | undefined {
    return this.#overflow.size === 0 ? undefined : this.#overflow.get(raw);
  }

  /** Stores `value` for the raw key text `raw` (not yet stored). */
  set(raw: string, value: T): void {
    const length = raw.length;
    if (length > 0 && length <= maxBucketedLength) {
      const c = raw.charCodeAt(0);
      const at = c < 128 ? c : 128;
      let bucket = this.#buckets[at];
      if (bucket === undefined) {
        // Fill the holes so the array stays packed (fast element access).
        while (this.#buckets.length < at) this.#buckets.push(undefined);
        bucket = [];
        this.#buckets[at] = bucket;
      }
      if (bucket.length < bucketSize) {
        bucket.push({ length, quoted: internalized(`${raw}"`), last: raw.charCodeAt(length - 1), value });
        return;
      }
    }
    this.#overflow.set(internalized(raw), value);
  }
}

/**
 * `s` as V8 keeps property keys: internalized, hence flat (no concatenation
 * left to resolve at each comparison) and not a slice holding on to the
 * line it came from.
 */
export function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** A key kept in a bucket. */
export interface KnownKey<T> {
  /** Characters between the quotes. */
  readonly length: number;
  /** The raw key and its closing quote. */
  readonly quoted: string;
  readonly last: number;
  readonly value: T;
}

/** Whether line[start + 1, start + k.length - 1) is the key's text between its first and last characters. */
function sameMiddle<T>(line: string, start: number, k: KnownKey<T>): boolean {
  const raw = k.quoted;
  for (let c = 1; c < k.length - 1; c++) if (line.charCodeAt(start + c) !== raw.charCodeAt(c)) return false;
  return true;
}

/** Keys this long or shorter are compared character by character (cheaper than a call to indexOf). */
const shortKey = 5;
/** Keys per first character recognised in place; the others use the Map. */
const bucketSize = 8;
/** Near misses a table tolerates before it stops confirming keys with indexOf. */
const maxNearMisses = 64;
/** Longer keys always use the Map (recognising them in place saves little). */
const maxBucketedLength = 64;
