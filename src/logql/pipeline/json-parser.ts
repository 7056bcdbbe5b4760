import { pipelineErrors } from './errors.js';
import { internalized, JsonKeyTable } from './json-key-table.js';
import { blockEnd, closingQuote, eachObjectMember, enterObject, jsonErrors, JsonScanError, memberValueStart, skipSpace, tokenEnd, unescapeJsonString, type JsonValueType } from './json-scan.js';
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
  /**
   * The labels found so far in this line, set on the builder when the walk
   * ends: a nested object is walked before its extent is known, and when
   * blockEnd would not find its end what was found inside must not count.
   */
  readonly #foundNames: string[] = [];
  readonly #foundValues: string[] = [];
  /** How many of the entries of #foundNames and #foundValues are this line's (the arrays never shrink: no allocation per line). */
  #found = 0;

  constructor(stageIndex: number, hints: ParserHints | undefined) {
    this.#stageIndex = stageIndex;
    this.#hints = hints;
  }

  process(_tsNs: bigint, line: string, lbs: LabelsBuilder): string {
    this.#lbs = lbs;
    // A walk that threw something else (a stack overflow) left its labels here.
    this.#found = 0;
    let err: string | undefined;
    try {
      this.#walkObject(line, 0, this.#root, false);
    } catch (e) {
      if (!(e instanceof JsonScanError)) throw e;
      err = e.message;
    }
    const found = this.#found;
    if (found > 0) {
      const names = this.#foundNames;
      const values = this.#foundValues;
      for (let k = 0; k < found; k++) lbs.setParsed(names[k] as string, values[k] as string, this.#stageIndex);
    }
    if (err !== undefined) lbs.setErr(pipelineErrors.json, err);
    return line;
  }

  /**
   * Visits the members of the object at `i` (jsonparser.ObjectEach: same
   * checks in the same order, same errors) and returns the index after its
   * closing brace.
   *
   * ObjectEach finds a nested object's extent (blockEnd) before its members
   * are visited; a `nested` walk does both in one pass. Where they could
   * disagree (an array, a number token holding `{` or `"`), blockEnd gives
   * the extent; when the walk fails, blockEnd's error wins if it fails too
   * (see #descend).
   */
  #walkObject(s: string, i: number, level: KeyLevel, nested: boolean): number {
    // White space is rare between tokens of machine-written JSON: test one
    // character before calling skipSpace.
    const n = s.length;
    const start = i;
    let irregular = false;
    i = enterObject(s, i);
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 125) return irregular ? blockEnd(s, start, 123, 125, jsonErrors.object) : i + 1;
      if (c !== 34) throw new JsonScanError(jsonErrors.object);
      // A known key's end is known; another's is searched for, its meaning looked up later.
      const known = level.keys.match(s, i + 1);
      let keyEnd: number;
      if (known !== undefined) keyEnd = i + known.length + 2;
      else {
        keyEnd = closingQuote(s, i) + 1;
        if (keyEnd === 0) throw new JsonScanError(jsonErrors.malformed);
      }
      const j = memberValueStart(s, keyEnd);
      const v = s.charCodeAt(j);
      let end: number;
      if (v === 34) {
        end = closingQuote(s, j) + 1;
        if (end === 0) throw new JsonScanError(jsonErrors.string);
        const info = known?.value ?? this.#keyInfo(s, i, keyEnd, level);
        if (info.extract) this.#extract(info, s, j, end, true);
      } else if (v === 123) {
        const info = known?.value ?? this.#keyInfo(s, i, keyEnd, level);
        end = info.descend ? this.#descend(s, j, (info.nested ??= newLevel(info.name))) : blockEnd(s, j, 123, 125, jsonErrors.object);
      } else if (v === 91) {
        end = blockEnd(s, j, 91, 93, jsonErrors.array);
        irregular = nested;
      } else {
        end = tokenEnd(s, j);
        if (nested && v !== 116 && v !== 102 && v !== 110 && !irregular) irregular = hasBlockChar(s, j, end);
        if (v === 110) {
          if (end - j !== 4 || s.charCodeAt(j + 1) !== 117 || s.charCodeAt(j + 2) !== 108 || s.charCodeAt(j + 3) !== 108) throw new JsonScanError(jsonErrors.unknown);
        } else {
          if (v === 116) {
            if (end - j !== 4 || s.charCodeAt(j + 1) !== 114 || s.charCodeAt(j + 2) !== 117 || s.charCodeAt(j + 3) !== 101) throw new JsonScanError(jsonErrors.unknown);
          } else if (v === 102) {
            if (end - j !== 5 || s.charCodeAt(j + 1) !== 97 || s.charCodeAt(j + 2) !== 108 || s.charCodeAt(j + 3) !== 115 || s.charCodeAt(j + 4) !== 101) {
              throw new JsonScanError(jsonErrors.unknown);
            }
          } else if (v !== 45 && (v < 48 || v > 57)) throw new JsonScanError(jsonErrors.unknown);
          const info = known?.value ?? this.#keyInfo(s, i, keyEnd, level);
          if (info.extract) this.#extract(info, s, j, end, false);
        }
      }
      i = end;
      if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
      if (i >= n) throw new JsonScanError(jsonErrors.array);
      const d = s.charCodeAt(i);
      if (d === 125) return irregular ? blockEnd(s, start, 123, 125, jsonErrors.object) : i + 1;
      if (d !== 44) throw new JsonScanError(jsonErrors.object);
      i++;
      if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
      if (i >= n) throw new JsonScanError(jsonErrors.array);
    }
    throw new JsonScanError(jsonErrors.object);
  }

  /**
   * Walks the nested object at `i` (its extent not yet known) and returns its
   * end. On a scan error, when blockEnd finds no end either, that is the
   * error and the labels found inside are dropped, as ObjectEach never
   * visits a value whose end it cannot find.
   */
  #descend(s: string, i: number, level: KeyLevel): number {
    const found = this.#found;
    try {
      return this.#walkObject(s, i, level, true);
    } catch (e) {
      if (!(e instanceof JsonScanError)) throw e;
      const blockErr = blockEndError(s, i);
      if (blockErr !== undefined) {
        this.#found = found;
        throw blockErr;
      }
      throw e;
    }
  }

  /** Records the scalar s[start, end) (a string literal when `quoted`) as `info`'s label, unless hints say nobody reads it. */
  #extract(info: KeyInfo, s: string, start: number, end: number, quoted: boolean): void {
    // The final name gets `_extracted` when a stream label has the name.
    if (this.#hints !== undefined && !((this.#lbs as LabelsBuilder).baseHas(info.name) ? info.wantExtracted : info.wantPlain)) return;
    const k = this.#found++;
    this.#foundNames[k] = info.name;
    this.#foundValues[k] = quoted ? readJsonString(s, start, end) : s.slice(start, end);
  }

  /** What the key s[keyStart, keyEnd) (quotes included), not in the table's buckets, means at `level`. */
  #keyInfo(s: string, keyStart: number, keyEnd: number, level: KeyLevel): KeyInfo {
    const rawKey = s.slice(keyStart + 1, keyEnd - 1);
    return level.keys.get(rawKey) ?? this.#newKeyInfo(s, keyStart, keyEnd, rawKey, level);
  }

  #newKeyInfo(s: string, keyStart: number, keyEnd: number, rawKey: string, level: KeyLevel): KeyInfo {
    const key = rawKey.includes('\\') ? (unescapeJsonString(s, keyStart, keyEnd) ?? rawKey) : rawKey;
    // Loki's appendSanitized: trimmed, `_` per invalid rune, `_` before a leading digit at every level.
    // A key that sanitises to nothing adds no prefix (Loki's nextKeyPrefix).
    const part = sanitizeLabelKey(key, true);
    // Internalized: the builder looks label names up as properties of the
    // stream labels, and a name that is not costs a string-table search each time.
    const name = internalized(level.prefix === '' ? part : `${level.prefix}_${part}`);
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

/** Whether the token s[start, end) holds a character blockEnd counts or skips from (`{` or `"`). */
function hasBlockChar(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === 123 || c === 34) return true;
  }
  return false;
}

/** The error blockEnd throws on the object at `i` (an unterminated string or object), undefined when none. */
function blockEndError(s: string, i: number): JsonScanError | undefined {
  try {
    blockEnd(s, i, 123, 125, jsonErrors.object);
    return undefined;
  } catch (e) {
    if (e instanceof JsonScanError) return e;
    throw e;
  }
}

/**
 * A string member's label value (readJsonValue's): a short value with no
 * escape and no U+FFFD, the usual case, is sliced after one look at its
 * characters, saving the searches of the general path.
 */
function readJsonString(s: string, start: number, end: number): string {
  if (end - start <= shortValue) {
    let plain = true;
    for (let k = start + 1; k < end - 1; k++) {
      const c = s.charCodeAt(k);
      if (c === 92 || c === 0xfffd) {
        plain = false;
        break;
      }
    }
    if (plain) return s.slice(start + 1, end - 1);
  }
  return replaceRuneErrors(unescapeJsonString(s, start, end) ?? '');
}

/** Longest string literal (quotes included) readJsonString looks through itself. */
const shortValue = 18;

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
