import { formatLabels, quoteGoString, type Labels } from '../../core/index.js';

export const errorLabel = '__error__';
export const errorDetailsLabel = '__error_details__';
const extractedSuffix = '_extracted';

/**
 * The mutable label state of one line while it runs through a stream's
 * pipeline (Loki's LabelsBuilder). One builder per stream pipeline, reset per
 * line: the stream labels are the base, structured metadata and parsed labels
 * are layered over it, deletions and `__error__` on top. Not reentrant.
 */
export class LabelsBuilder {
  readonly base: Labels;
  readonly baseKey: string;
  #metadata: Labels | undefined;
  /** Labels set by stages; value undefined is never stored. */
  readonly #added = new Map<string, string>();
  /** Which parser stage set a parsed label (first parser wins). */
  readonly #parsedBy = new Map<string, number>();
  readonly #deleted = new Set<string>();
  #err = '';
  #errDetails = '';
  #dirty = false;
  #lastSnapshot: LabelsSnapshot | undefined;

  constructor(base: Labels, baseKey: string = formatLabels(base)) {
    this.base = base;
    this.baseKey = baseKey;
  }

  /** Starts a new line. */
  reset(metadata: Labels | undefined): void {
    this.#metadata = metadata !== undefined && hasKeys(metadata) ? metadata : undefined;
    if (this.#dirty) {
      this.#added.clear();
      this.#parsedBy.clear();
      this.#deleted.clear();
      this.#err = '';
      this.#errDetails = '';
      this.#dirty = false;
    }
  }

  get hasErr(): boolean {
    return this.#err !== '';
  }

  get err(): string {
    return this.#err;
  }

  setErr(err: string, details?: string): void {
    this.#dirty = true;
    this.#err = err;
    this.#deleted.delete(errorLabel);
    if (details !== undefined) {
      this.#errDetails = details;
      this.#deleted.delete(errorDetailsLabel);
    }
  }

  /** The current value of a label (`__error__` included), undefined when absent. */
  get(name: string): string | undefined {
    if (this.#dirty) {
      if (this.#deleted.has(name)) return undefined;
      if (name === errorLabel) return this.#err === '' ? undefined : this.#err;
      if (name === errorDetailsLabel) return this.#errDetails === '' ? undefined : this.#errDetails;
      const added = this.#added.get(name);
      if (added !== undefined) return added;
    }
    if (this.#metadata !== undefined) {
      const m = this.#metadata[name];
      if (typeof m === 'string') return m;
    }
    // typeof guards against Object.prototype members (`constructor`, `toString`) posing as labels.
    const b = this.base[name];
    return typeof b === 'string' ? b : undefined;
  }

  /** True when `name` is a stream label or a structured-metadata key (parsed names then get `_extracted`). */
  baseHas(name: string): boolean {
    return typeof this.base[name] === 'string' || (this.#metadata !== undefined && typeof this.#metadata[name] === 'string');
  }

  /** Sets a label unconditionally (label_format, unpack's line labels). */
  set(name: string, value: string): void {
    this.#dirty = true;
    if (name === errorLabel) {
      this.setErr(value);
      return;
    }
    if (name === errorDetailsLabel) {
      this.#errDetails = value;
      this.#deleted.delete(name);
      return;
    }
    this.#added.set(name, value);
    this.#deleted.delete(name);
  }

  /**
   * Sets a label found by parser stage `stage`: the name gets `_extracted`
   * when it collides with a stream or metadata label, and a label an earlier
   * parser stage extracted is not overwritten. Returns the name used.
   */
  setParsed(name: string, value: string, stage: number): string {
    const key = this.baseHas(name) ? name + extractedSuffix : name;
    const by = this.#parsedBy.get(key);
    if (by !== undefined && by !== stage && !this.#deleted.has(key)) return key;
    this.#parsedBy.set(key, stage);
    this.set(key, value);
    return key;
  }

  delete(name: string): void {
    this.#dirty = true;
    if (name === errorLabel) this.#err = '';
    else if (name === errorDetailsLabel) this.#errDetails = '';
    this.#added.delete(name);
    this.#deleted.add(name);
  }

  /** Every current label name. */
  names(): string[] {
    return Object.keys(this.labels());
  }

  /** True when nothing was layered over the stream labels for this line. */
  get unchanged(): boolean {
    return !this.#dirty && this.#metadata === undefined;
  }

  /** The line's full label set (a fresh object unless unchanged). */
  labels(): Labels {
    if (this.unchanged) return this.base;
    const out: Record<string, string> = { ...this.base };
    if (this.#metadata !== undefined) Object.assign(out, this.#metadata);
    if (this.#dirty) {
      for (const [k, v] of this.#added) out[k] = v;
      for (const k of this.#deleted) delete out[k];
      if (this.#err !== '') out[errorLabel] = this.#err;
      if (this.#errDetails !== '' && !this.#deleted.has(errorDetailsLabel)) out[errorDetailsLabel] = this.#errDetails;
    }
    return out;
  }

  /** labels() with its key. */
  labelsWithKey(): { readonly labels: Labels; readonly key: string } {
    if (this.unchanged) return { labels: this.base, key: this.baseKey };
    const pairs = this.sortedPairs();
    // Consecutive lines of a stream often end with the same labels: reuse the
    // previous snapshot, so its key is not rebuilt and its labels keep identity.
    const last = this.#lastSnapshot;
    if (last !== undefined && samePairs(last.pairs, pairs)) return last;
    const snapshot = new LabelsSnapshot(pairs);
    this.#lastSnapshot = snapshot;
    return snapshot;
  }

  /**
   * The current labels as sorted `[name, value, …]` pairs: the cheap form a
   * snapshot keeps per line (the object is only built when someone reads it).
   */
  sortedPairs(): string[] {
    const names: string[] = [];
    for (const n in this.base) if (!this.#dirty || (!this.#deleted.has(n) && !this.#added.has(n))) names.push(n);
    if (this.#metadata !== undefined) {
      for (const n in this.#metadata) {
        if (typeof this.base[n] !== 'string' && (!this.#dirty || (!this.#deleted.has(n) && !this.#added.has(n)))) names.push(n);
      }
    }
    if (this.#dirty) {
      for (const n of this.#added.keys()) names.push(n);
      if (this.#err !== '') names.push(errorLabel);
      if (this.#errDetails !== '' && !this.#deleted.has(errorDetailsLabel)) names.push(errorDetailsLabel);
    }
    names.sort();
    const pairs = new Array<string>(names.length * 2);
    for (let i = 0; i < names.length; i++) {
      const n = names[i] as string;
      pairs[2 * i] = n;
      pairs[2 * i + 1] = this.get(n) as string;
    }
    return pairs;
  }
}

// eslint-disable-next-line no-control-regex -- the control characters Go escapes
const needsQuoting = /["\\\x00-\x1f\x7f-\x9f\xad\ufffd]/;

/** formatLabels over sorted pairs, with a fast path for values that need no escaping. */
export function formatPairs(pairs: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < pairs.length; i += 2) {
    if (i > 0) out += ', ';
    const v = pairs[i + 1] as string;
    out += `${pairs[i] as string}=${needsQuoting.test(v) ? quoteGoString(v) : `"${v}"`}`;
  }
  return `${out}}`;
}

function samePairs(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** A line's labels and key, the object built on first read. */
export class LabelsSnapshot {
  readonly key: string;
  readonly pairs: readonly string[];
  #labels: Labels | undefined;

  constructor(pairs: readonly string[]) {
    this.pairs = pairs;
    this.key = formatPairs(pairs);
  }

  get labels(): Labels {
    if (this.#labels === undefined) {
      const out: Record<string, string> = {};
      for (let i = 0; i < this.pairs.length; i += 2) out[this.pairs[i] as string] = this.pairs[i + 1] as string;
      this.#labels = out;
    }
    return this.#labels;
  }
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
