import { pipelineErrors } from './errors.js';
import { eachObjectMember, JsonScanError, unescapeJsonString, type JsonValueType } from './json-scan.js';
import type { LabelsBuilder } from './labels-builder.js';
import { sanitizeLabelKey } from './sanitize.js';
import type { Stage } from './stage.js';

/**
 * `| json` without parameters (logql.md §6.1): every string, number and bool
 * member becomes a label, nested objects flattened with `_`, arrays and null
 * skipped. Invalid JSON keeps the labels found before the error point and
 * sets `__error__="JSONParserErr"` with jsonparser's error text.
 */
export function createJsonStage(stageIndex: number): Stage {
  return new JsonStage(stageIndex);
}

class JsonStage implements Stage {
  readonly #stageIndex: number;
  /** raw key path -> sanitized label name, per stream */
  readonly #names = new Map<string, string>();
  #line = '';
  #lbs: LabelsBuilder | undefined;
  #prefix = '';

  constructor(stageIndex: number) {
    this.#stageIndex = stageIndex;
  }

  readonly #visit = (ks: number, ke: number, vs: number, type: JsonValueType, ve: number): void => {
    if (type === 'null' || type === 'array') return;
    const line = this.#line;
    const prefix = this.#prefix;
    const rawKey = line.slice(ks + 1, ke - 1);
    const cacheKey = prefix === '' ? rawKey : `${prefix}\u0000${rawKey}`;
    let name = this.#names.get(cacheKey);
    if (name === undefined) {
      const key = rawKey.includes('\\') ? (unescapeJsonString(line, ks, ke) ?? rawKey) : rawKey;
      // Loki's appendSanitized: trimmed, `_` per invalid rune, `_` before a leading digit at every level.
      const part = sanitizeLabelKey(key, true);
      name = prefix === '' ? part : `${prefix}_${part}`;
      if (this.#names.size > 10_000) this.#names.clear();
      this.#names.set(cacheKey, name);
    }
    if (type === 'object') {
      // A top-level key that sanitises to nothing adds no prefix (Loki's nextKeyPrefix).
      this.#prefix = name;
      try {
        eachObjectMember(line, vs, this.#visit);
      } finally {
        this.#prefix = prefix;
      }
      return;
    }
    if (name === '') return;
    (this.#lbs as LabelsBuilder).setParsed(name, readJsonValue(line, vs, ve, type), this.#stageIndex);
  };

  process(_tsNs: bigint, line: string, lbs: LabelsBuilder): string {
    this.#line = line;
    this.#lbs = lbs;
    this.#prefix = '';
    try {
      eachObjectMember(line, 0, this.#visit);
    } catch (e) {
      if (!(e instanceof JsonScanError)) throw e;
      lbs.setErr(pipelineErrors.json, e.message);
    }
    return line;
  }
}

/** A scalar member's label value: strings unescaped, numbers and bools as written, null empty. */
export function readJsonValue(line: string, start: number, end: number, type: JsonValueType): string {
  switch (type) {
    case 'string':
      return replaceRuneErrors(unescapeJsonString(line, start, end) ?? '');
    case 'null':
      return '';
    default:
      return line.slice(start, end);
  }
}

/** Loki maps utf8.RuneError (U+FFFD, what invalid UTF-8 decodes to) to a space in parsed values. */
export function replaceRuneErrors(value: string): string {
  return value.includes('\uFFFD') ? value.replaceAll('\uFFFD', ' ') : value;
}

const notObject = 'expecting json object(6), but it is not';

/**
 * `| unpack` (logql.md §6.6): a JSON object line with a string `_entry`
 * member becomes that entry, its other string members labels; without
 * `_entry` nothing changes.
 */
export function createUnpackStage(stageIndex: number): Stage {
  return {
    process(_tsNs, line, lbs) {
      if (line === '') return line;
      if (line.charCodeAt(0) !== 123) {
        lbs.setErr(pipelineErrors.json, notObject);
        return line;
      }
      let entry: string | undefined;
      const found: string[] = [];
      try {
        eachObjectMember(line, 0, (ks, ke, vs, type, ve) => {
          if (type !== 'string') return;
          const key = unescapeJsonString(line, ks, ke) ?? line.slice(ks + 1, ke - 1);
          const value = replaceRuneErrors(unescapeJsonString(line, vs, ve) ?? '');
          if (key === '_entry') entry = value;
          else found.push(sanitizeLabelKey(key, true), value);
        });
      } catch (e) {
        if (!(e instanceof JsonScanError)) throw e;
        lbs.setErr(pipelineErrors.json, e.message);
        return line;
      }
      if (entry === undefined) return line;
      for (let i = 0; i < found.length; i += 2) {
        if (found[i] !== '') lbs.setParsed(found[i] as string, found[i + 1] as string, stageIndex);
      }
      return entry;
    },
  };
}

export type { LabelsBuilder };
