import { pipelineErrors } from './errors.js';
import { eachObjectMember, JsonScanError, unescapeJsonString, type JsonValueType } from './json-scan.js';
import type { LabelsBuilder } from './labels-builder.js';
import { shouldExtract, shouldExtractPrefix, type ParserHints } from './parser-hints.js';
import { sanitizeLabelKey } from './sanitize.js';
import type { Stage } from './stage.js';

/**
 * `| json` without parameters (logql.md §6.1): every string, number and bool
 * member becomes a label, nested objects flattened with `_`, arrays and null
 * skipped. Invalid JSON keeps the labels found before the error point and
 * sets `__error__="JSONParserErr"` with jsonparser's error text. With parser
 * hints (metric queries) only the wanted labels are set, nested objects no
 * wanted label starts with are skipped unvisited, and under `noLabels` the
 * stage does nothing (as Loki's).
 */
export function createJsonStage(stageIndex: number, hints?: ParserHints): Stage {
  if (hints?.noLabels === true) return { process: (_tsNs, line) => line };
  return new JsonStage(stageIndex, hints);
}

/** What a member key means for one stream's stage: its label name and whether to set it or descend. */
interface KeyInfo {
  readonly name: string;
  /** Set the label (scalar member); with hints, a final-name check remains (`_extracted`). */
  readonly extract: boolean;
  /** Visit the members (object member). */
  readonly descend: boolean;
}

const extractedSuffix = '_extracted';

class JsonStage implements Stage {
  readonly #stageIndex: number;
  readonly #hints: ParserHints | undefined;
  /** per prefix: raw key -> what it means, per stream */
  readonly #keyMaps = new Map<string, Map<string, KeyInfo>>();
  #keys: Map<string, KeyInfo>;
  #cached = 0;
  #line = '';
  #lbs: LabelsBuilder | undefined;
  #prefix = '';

  constructor(stageIndex: number, hints: ParserHints | undefined) {
    this.#stageIndex = stageIndex;
    this.#hints = hints;
    this.#keys = this.#keysFor('');
  }

  #keysFor(prefix: string): Map<string, KeyInfo> {
    let keys = this.#keyMaps.get(prefix);
    if (keys === undefined) {
      keys = new Map();
      this.#keyMaps.set(prefix, keys);
    }
    return keys;
  }

  #info(ks: number, ke: number): KeyInfo {
    const line = this.#line;
    const rawKey = line.slice(ks + 1, ke - 1);
    let info = this.#keys.get(rawKey);
    if (info !== undefined) return info;
    const prefix = this.#prefix;
    const key = rawKey.includes('\\') ? (unescapeJsonString(line, ks, ke) ?? rawKey) : rawKey;
    // Loki's appendSanitized: trimmed, `_` per invalid rune, `_` before a leading digit at every level.
    const part = sanitizeLabelKey(key, true);
    const name = prefix === '' ? part : `${prefix}_${part}`;
    const hints = this.#hints;
    info = {
      name,
      extract: name !== '' && (hints === undefined || shouldExtract(hints, name) || shouldExtract(hints, name + extractedSuffix)),
      descend: hints === undefined || shouldExtractPrefix(hints, name),
    };
    if (++this.#cached > 10_000) {
      this.#keyMaps.clear();
      this.#cached = 0;
      this.#keys = this.#keysFor(prefix);
    }
    this.#keys.set(rawKey, info);
    return info;
  }

  readonly #visit = (ks: number, ke: number, vs: number, type: JsonValueType, ve: number): void => {
    if (type === 'null' || type === 'array') return;
    const info = this.#info(ks, ke);
    const line = this.#line;
    if (type === 'object') {
      if (!info.descend) return;
      // A top-level key that sanitises to nothing adds no prefix (Loki's nextKeyPrefix).
      const prefix = this.#prefix;
      const keys = this.#keys;
      this.#prefix = info.name;
      this.#keys = this.#keysFor(info.name);
      try {
        eachObjectMember(line, vs, this.#visit);
      } finally {
        this.#prefix = prefix;
        this.#keys = keys;
      }
      return;
    }
    if (!info.extract) return;
    const lbs = this.#lbs as LabelsBuilder;
    const hints = this.#hints;
    if (hints !== undefined && !shouldExtract(hints, lbs.baseHas(info.name) ? info.name + extractedSuffix : info.name)) return;
    lbs.setParsed(info.name, readJsonValue(line, vs, ve, type), this.#stageIndex);
  };

  process(_tsNs: bigint, line: string, lbs: LabelsBuilder): string {
    this.#line = line;
    this.#lbs = lbs;
    this.#prefix = '';
    this.#keys = this.#keysFor('');
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
