import { formatLabels, quoteGoString, type Labels } from '../../core/index.js';
import type { LabelCategories } from './types.js';

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
  // Labels set by stages, as parallel arrays: a line adds few labels, and
  // resetting arrays allocates nothing (Map.clear would, once per line).
  readonly #names: string[] = [];
  readonly #values: string[] = [];
  /** The parser stage that set each label, -1 for other stages (first parser wins). */
  readonly #stages: number[] = [];
  readonly #deleted: string[] = [];
  #err = '';
  #errDetails = '';
  #dirty = false;
  #lastSnapshot: LabelsSnapshot | undefined;

  readonly #unchangedResult: { readonly labels: Labels; readonly key: string; readonly categories: LabelCategories };

  constructor(base: Labels, baseKey: string = formatLabels(base)) {
    this.base = base;
    this.baseKey = baseKey;
    this.#unchangedResult = { labels: base, key: baseKey, categories: { stream: base, structuredMetadata: {}, parsed: {} } };
  }

  /** Starts a new line. */
  reset(metadata: Labels | undefined): void {
    this.#metadata = metadata !== undefined && hasKeys(metadata) ? metadata : undefined;
    if (this.#dirty) {
      this.#names.length = 0;
      this.#values.length = 0;
      this.#stages.length = 0;
      this.#deleted.length = 0;
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
    this.#undelete(errorLabel);
    if (details !== undefined) {
      this.#errDetails = details;
      this.#undelete(errorDetailsLabel);
    }
  }

  #indexOf(name: string): number {
    const names = this.#names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
    return -1;
  }

  #isDeleted(name: string): boolean {
    return this.#deleted.length > 0 && this.#deleted.includes(name);
  }

  #undelete(name: string): void {
    if (this.#deleted.length === 0) return;
    const i = this.#deleted.indexOf(name);
    if (i >= 0) this.#deleted.splice(i, 1);
  }

  /** The current value of a label (`__error__` included), undefined when absent. */
  get(name: string): string | undefined {
    if (this.#dirty) {
      if (this.#isDeleted(name)) return undefined;
      if (name === errorLabel) return this.#err === '' ? undefined : this.#err;
      if (name === errorDetailsLabel) return this.#errDetails === '' ? undefined : this.#errDetails;
      const i = this.#indexOf(name);
      if (i >= 0) return this.#values[i];
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
    this.#setAt(name, value, -1);
  }

  #setAt(name: string, value: string, stage: number): void {
    this.#dirty = true;
    if (name === errorLabel) {
      this.setErr(value);
      return;
    }
    if (name === errorDetailsLabel) {
      this.#errDetails = value;
      this.#undelete(name);
      return;
    }
    const i = this.#indexOf(name);
    if (i >= 0) {
      this.#values[i] = value;
      this.#stages[i] = stage;
    } else {
      this.#names.push(name);
      this.#values.push(value);
      this.#stages.push(stage);
    }
    this.#undelete(name);
  }

  /**
   * Sets a label found by parser stage `stage`: the name gets `_extracted`
   * when it collides with a stream or metadata label, and a label an earlier
   * parser stage extracted is not overwritten. Returns the name used.
   */
  setParsed(name: string, value: string, stage: number): string {
    const key = this.baseHas(name) ? name + extractedSuffix : name;
    if (this.#dirty) {
      const i = this.#indexOf(key);
      const by = i >= 0 ? (this.#stages[i] as number) : -1;
      if (by >= 0 && by !== stage) return key;
    }
    this.#setAt(key, value, stage);
    return key;
  }

  delete(name: string): void {
    this.#dirty = true;
    if (name === errorLabel) this.#err = '';
    else if (name === errorDetailsLabel) this.#errDetails = '';
    const i = this.#indexOf(name);
    if (i >= 0) {
      const last = this.#names.length - 1;
      this.#names[i] = this.#names[last] as string;
      this.#values[i] = this.#values[last] as string;
      this.#stages[i] = this.#stages[last] as number;
      this.#names.length = last;
      this.#values.length = last;
      this.#stages.length = last;
    }
    if (!this.#deleted.includes(name)) this.#deleted.push(name);
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
      for (let i = 0; i < this.#names.length; i++) out[this.#names[i] as string] = this.#values[i] as string;
      for (const k of this.#deleted) delete out[k];
      if (this.#err !== '') out[errorLabel] = this.#err;
      if (this.#errDetails !== '' && !this.#isDeleted(errorDetailsLabel)) out[errorDetailsLabel] = this.#errDetails;
    }
    return out;
  }

  /** labels() with its key. */
  labelsWithKey(): { readonly labels: Labels; readonly key: string; readonly categories: LabelCategories } {
    if (this.unchanged) return this.#unchangedResult;
    const pairs = this.sortedPairs();
    // Consecutive lines of a stream often end with the same labels: reuse the
    // previous snapshot, so its key is not rebuilt and its labels keep identity.
    const last = this.#lastSnapshot;
    if (last !== undefined && samePairs(last.pairs, pairs)) return last;
    const snapshot = new LabelsSnapshot(pairs, this.base, this.#metadata);
    this.#lastSnapshot = snapshot;
    return snapshot;
  }

  /**
   * The current labels as sorted `[name, value, …]` pairs: the cheap form a
   * snapshot keeps per line (the object is only built when someone reads it).
   */
  sortedPairs(): string[] {
    // Collect name/value pairs, then insertion-sort them by name (a line has
    // a dozen labels at most: no comparator calls, no intermediate arrays).
    const pairs: string[] = [];
    const dirty = this.#dirty;
    const base = this.base;
    for (const n in base) {
      if (dirty && (this.#isDeleted(n) || this.#indexOf(n) >= 0)) continue;
      pairs.push(n, base[n] as string);
    }
    const metadata = this.#metadata;
    if (metadata !== undefined) {
      for (const n in metadata) {
        if (typeof base[n] === 'string' || (dirty && (this.#isDeleted(n) || this.#indexOf(n) >= 0))) continue;
        pairs.push(n, metadata[n] as string);
      }
    }
    if (dirty) {
      for (let i = 0; i < this.#names.length; i++) pairs.push(this.#names[i] as string, this.#values[i] as string);
      if (this.#err !== '') pairs.push(errorLabel, this.#err);
      if (this.#errDetails !== '' && !this.#isDeleted(errorDetailsLabel)) pairs.push(errorDetailsLabel, this.#errDetails);
    }
    for (let i = 2; i < pairs.length; i += 2) {
      const name = pairs[i] as string;
      const value = pairs[i + 1] as string;
      let j = i - 2;
      while (j >= 0 && (pairs[j] as string) > name) {
        pairs[j + 2] = pairs[j] as string;
        pairs[j + 3] = pairs[j + 1] as string;
        j -= 2;
      }
      pairs[j + 2] = name;
      pairs[j + 3] = value;
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
  readonly #base: Labels;
  readonly #metadata: Labels | undefined;
  #labels: Labels | undefined;
  #categories: LabelCategories | undefined;

  constructor(pairs: readonly string[], base: Labels, metadata: Labels | undefined) {
    this.pairs = pairs;
    this.key = formatPairs(pairs);
    this.#base = base;
    this.#metadata = metadata;
  }

  /** A label is a stream label (or metadata) while it still has the stream's (metadata's) value. */
  get categories(): LabelCategories {
    if (this.#categories === undefined) {
      const stream: Record<string, string> = {};
      const structuredMetadata: Record<string, string> = {};
      const parsed: Record<string, string> = {};
      for (let i = 0; i < this.pairs.length; i += 2) {
        const name = this.pairs[i] as string;
        const value = this.pairs[i + 1] as string;
        if (this.#base[name] === value) stream[name] = value;
        else if (this.#metadata !== undefined && this.#metadata[name] === value) structuredMetadata[name] = value;
        else parsed[name] = value;
      }
      this.#categories = { stream, structuredMetadata, parsed };
    }
    return this.#categories;
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
