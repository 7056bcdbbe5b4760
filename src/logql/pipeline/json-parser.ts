import { pipelineErrors } from './errors.js';
import { JsonKeyTable } from './json-key-table.js';
import { blockEnd, closingQuote, eachObjectMember, jsonErrors, JsonScanError, skipSpace, tokenEnd, unescapeJsonString, type JsonValueType } from './json-scan.js';
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

/** What a member key means for one stream's stage (cached per raw key, per nesting level). */
interface KeyInfo {
  /** The label name: the sanitised key after the enclosing objects' prefix. */
  readonly name: string;
  /** Set the label (scalar member); with hints, the final-name check below remains. */
  readonly extract: boolean;
  /** With hints: the query reads `name` (checked when no stream label is called `name`). */
  readonly wantPlain: boolean;
  /** With hints: the query reads `name_extracted` (checked when a stream label is called `name`). */
  readonly wantExtracted: boolean;
  /** Visit the members (object member). */
  readonly descend: boolean;
  /** The keys of the object this key holds, once visited. */
  nested: KeyLevel | undefined;
}

/** The keys met at one nesting level, under one label-name prefix. */
interface KeyLevel {
  readonly prefix: string;
  readonly keys: JsonKeyTable<KeyInfo>;
}

const extractedSuffix = '_extracted';
/** Cached keys (all levels) before the caches start over: lines with ever-new keys must not grow them forever. */
const maxCachedKeys = 10_000;

function newLevel(prefix: string): KeyLevel {
  return { prefix, keys: new JsonKeyTable() };
}

/**
 * The json stage proper: one walk over the line with jsonparser.ObjectEach's
 * checks and errors, member keys recognised in place (JsonKeyTable), values
 * skipped or read without a callback per member. Without hints every scalar
 * is extracted and every object visited; with hints only what the query reads.
 */
class JsonStage implements Stage {
  readonly #stageIndex: number;
  readonly #hints: ParserHints | undefined;
  #root = newLevel('');
  #cached = 0;
  #lbs: LabelsBuilder | undefined;

  constructor(stageIndex: number, hints: ParserHints | undefined) {
    this.#stageIndex = stageIndex;
    this.#hints = hints;
  }

  process(_tsNs: bigint, line: string, lbs: LabelsBuilder): string {
    this.#lbs = lbs;
    try {
      this.#walkObject(line, 0, this.#root);
    } catch (e) {
      if (!(e instanceof JsonScanError)) throw e;
      lbs.setErr(pipelineErrors.json, e.message);
    }
    return line;
  }

  /**
   * Visits the members of the object at `i` (jsonparser.ObjectEach: same
   * checks in the same order, same errors) and returns the index after its
   * closing brace. A nested object's extent is found first (blockEnd) and only
   * then are its members visited, as ObjectEach hands the callback a value.
   */
  #walkObject(s: string, i: number, level: KeyLevel): number {
    // White space is rare between tokens of machine-written JSON: test one
    // character before calling skipSpace.
    const n = s.length;
    if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
    if (i >= n || s.charCodeAt(i) !== 123) throw new JsonScanError(jsonErrors.object);
    i++;
    if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
    if (i >= n) throw new JsonScanError(jsonErrors.malformed);
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 125) return i + 1;
      if (c !== 34) throw new JsonScanError(jsonErrors.object);
      const keyEnd = closingQuote(s, i) + 1;
      if (keyEnd === 0) throw new JsonScanError(jsonErrors.malformed);
      let j = keyEnd;
      if (s.charCodeAt(j) <= 32) j = skipSpace(s, j);
      if (j >= n || s.charCodeAt(j) !== 58) throw new JsonScanError(jsonErrors.malformed);
      j++;
      if (s.charCodeAt(j) <= 32) j = skipSpace(s, j);
      if (j >= n) throw new JsonScanError(jsonErrors.malformed);
      const v = s.charCodeAt(j);
      let end: number;
      if (v === 34) {
        end = closingQuote(s, j) + 1;
        if (end === 0) throw new JsonScanError(jsonErrors.string);
        const info = this.#keyInfo(s, i, keyEnd, level);
        if (info.extract) this.#extract(info, s, j, end, true);
      } else if (v === 123) {
        end = blockEnd(s, j, 123, 125, jsonErrors.object);
        const info = this.#keyInfo(s, i, keyEnd, level);
        if (info.descend) this.#walkObject(s, j, (info.nested ??= newLevel(info.name)));
      } else if (v === 91) {
        end = blockEnd(s, j, 91, 93, jsonErrors.array);
      } else {
        end = tokenEnd(s, j);
        if (v === 110) {
          if (end - j !== 4 || !s.startsWith('null', j)) throw new JsonScanError(jsonErrors.unknown);
        } else {
          if (v === 116) {
            if (end - j !== 4 || !s.startsWith('true', j)) throw new JsonScanError(jsonErrors.unknown);
          } else if (v === 102) {
            if (end - j !== 5 || !s.startsWith('false', j)) throw new JsonScanError(jsonErrors.unknown);
          } else if (v !== 45 && (v < 48 || v > 57)) throw new JsonScanError(jsonErrors.unknown);
          const info = this.#keyInfo(s, i, keyEnd, level);
          if (info.extract) this.#extract(info, s, j, end, false);
        }
      }
      i = end;
      if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
      if (i >= n) throw new JsonScanError(jsonErrors.array);
      const d = s.charCodeAt(i);
      if (d === 125) return i + 1;
      if (d !== 44) throw new JsonScanError(jsonErrors.object);
      i++;
      if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
      if (i >= n) throw new JsonScanError(jsonErrors.array);
    }
    throw new JsonScanError(jsonErrors.object);
  }

  /** Sets the scalar s[start, end) (a string literal when `quoted`) as `info`'s label, unless hints say nobody reads it. */
  #extract(info: KeyInfo, s: string, start: number, end: number, quoted: boolean): void {
    const lbs = this.#lbs as LabelsBuilder;
    // The final name gets `_extracted` when a stream label has the name.
    if (this.#hints !== undefined && !(lbs.baseHas(info.name) ? info.wantExtracted : info.wantPlain)) return;
    const value = quoted ? replaceRuneErrors(unescapeJsonString(s, start, end) ?? '') : s.slice(start, end);
    lbs.setParsed(info.name, value, this.#stageIndex);
  }

  /** What the key s[keyStart, keyEnd) (quotes included) means at `level`. */
  #keyInfo(s: string, keyStart: number, keyEnd: number, level: KeyLevel): KeyInfo {
    return level.keys.get(s, keyStart + 1, keyEnd - keyStart - 2) ?? this.#newKeyInfo(s, keyStart, keyEnd, level);
  }

  #newKeyInfo(s: string, keyStart: number, keyEnd: number, level: KeyLevel): KeyInfo {
    const rawKey = s.slice(keyStart + 1, keyEnd - 1);
    const key = rawKey.includes('\\') ? (unescapeJsonString(s, keyStart, keyEnd) ?? rawKey) : rawKey;
    // Loki's appendSanitized: trimmed, `_` per invalid rune, `_` before a leading digit at every level.
    // A key that sanitises to nothing adds no prefix (Loki's nextKeyPrefix).
    const part = sanitizeLabelKey(key, true);
    const name = level.prefix === '' ? part : `${level.prefix}_${part}`;
    const hints = this.#hints;
    const wantPlain = hints !== undefined && shouldExtract(hints, name);
    const wantExtracted = hints !== undefined && shouldExtract(hints, name + extractedSuffix);
    const info: KeyInfo = {
      name,
      extract: name !== '' && (hints === undefined || wantPlain || wantExtracted),
      wantPlain,
      wantExtracted,
      descend: hints === undefined || shouldExtractPrefix(hints, name),
      nested: undefined,
    };
    if (++this.#cached > maxCachedKeys) {
      // Start over; the levels of the line being walked finish with the old tables.
      this.#root = newLevel('');
      this.#cached = 0;
    }
    level.keys.set(rawKey, info);
    return info;
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
