import { WatchpostError } from '../../core/index.js';
import type { LabelExtraction } from '../syntax/ast.js';
import { pipelineErrors } from './errors.js';
import { replaceRuneErrors } from './json-parser.js';
import { utf8Length } from './utf8.js';
import { sanitizeLabelKey, isValidLabelName } from './sanitize.js';
import { shouldExtract, type ParserHints } from './parser-hints.js';
import type { Stage, StageFactory } from './stage.js';

/** One key/value pair, or a syntax error, from a logfmt line (go-logfmt as forked by Loki). */
export interface LogfmtPair {
  readonly key: string;
  /** undefined for a bare key. */
  readonly value: string | undefined;
}

/**
 * Scans a logfmt line. Malformed pairs are reported through `onError` (with
 * Loki's `logfmt syntax error at pos N : msg` text) and skipped up to the
 * next space; `onError` returning false stops the scan (--strict).
 */
export function scanLogfmt(line: string, onPair: (key: string, value: string | undefined) => void, onError: (message: string) => boolean): void {
  const n = line.length;
  let i = 0;
  const fail = (pos: number, msg: string): boolean => {
    // Go reports byte offsets, 1-based.
    if (!onError(`logfmt syntax error at pos ${utf8Length(line.slice(0, pos)) + 1} : ${msg}`)) return false;
    while (i < n && line.charCodeAt(i) > 32) i++;
    return true;
  };
  while (i < n) {
    while (i < n && line.charCodeAt(i) <= 32) i++;
    if (i >= n) return;
    const keyStart = i;
    let bad = false;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c <= 32 || c === 61) break;
      if (c === 34) {
        if (!fail(i, 'unexpected \'"\'')) return;
        bad = true;
        break;
      }
      i++;
    }
    if (bad) continue;
    if (i === keyStart) {
      if (!fail(i, "unexpected '='")) return;
      continue;
    }
    const key = line.slice(keyStart, i);
    if (key.includes('\uFFFD')) {
      if (!fail(i, 'invalid key')) return;
      continue;
    }
    if (i >= n || line.charCodeAt(i) !== 61) {
      onPair(key, undefined);
      continue;
    }
    i++;
    if (i < n && line.charCodeAt(i) === 34) {
      const start = i;
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const c = line.charCodeAt(j);
        if (c === 92) {
          escaped = true;
          j++;
        } else if (c === 34) break;
      }
      if (j >= n) {
        i = n;
        if (!fail(n, 'unterminated quoted value')) return;
        continue;
      }
      i = j + 1;
      let value = line.slice(start + 1, j);
      if (escaped) {
        const unquoted = unquoteLogfmt(value);
        if (unquoted === undefined) {
          if (!fail(j + 1, 'invalid quoted value')) return;
          continue;
        }
        value = unquoted;
      }
      onPair(key, value);
      continue;
    }
    const valueStart = i;
    let valueBad = false;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c <= 32) break;
      if (c === 61 || c === 34) {
        if (!fail(i, c === 61 ? "unexpected '='" : 'unexpected \'"\'')) return;
        valueBad = true;
        break;
      }
      i++;
    }
    if (!valueBad) onPair(key, line.slice(valueStart, i));
  }
}

const escapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** go-logfmt's unquote of a quoted value's body: JSON escapes, literal control characters allowed. */
function unquoteLogfmt(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] as string;
    const simple = escapes[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    if (e !== 'u') return undefined;
    const hex = body.slice(i + 1, i + 5);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 4;
  }
  return out;
}

/**
 * `| logfmt [--strict] [--keep-empty]` without parameters (logql.md §6.3).
 * With parser hints (metric queries) only the wanted labels are set, and
 * under `noLabels` the stage does nothing (as Loki's).
 */
export function createLogfmtStageFactory(strict: boolean, keepEmpty: boolean, stageIndex: number, hints?: ParserHints): StageFactory {
  if (hints?.noLabels === true) {
    const stage: Stage = { process: (_tsNs, line) => line };
    return () => stage;
  }
  return () => {
    const names = new Map<string, string>();
    return {
      process(_tsNs, line, lbs) {
        let err: string | undefined;
        scanLogfmt(
          line,
          (key, value) => {
            let name = names.get(key);
            if (name === undefined) {
              name = sanitizeLabelKey(key, true);
              names.set(key, name);
            }
            if (name === '') return;
            if (hints !== undefined && !shouldExtract(hints, lbs.baseHas(name) ? `${name}_extracted` : name)) return;
            if (value === undefined || value === '') {
              if (!keepEmpty) return;
              value = '';
            }
            lbs.setParsed(name, replaceRuneErrors(value), stageIndex);
          },
          (message) => {
            if (!strict) return true;
            err = message;
            return false;
          },
        );
        if (err !== undefined) lbs.setErr(pipelineErrors.logfmt, err);
        return line;
      },
    };
  };
}

/** `| logfmt host, fwd_ip="fwd"`: only the named keys, renamed; requested keys missing become `""`. */
export function createLogfmtExpressionStageFactory(
  extractions: readonly LabelExtraction[],
  strict: boolean,
  stageIndex: number,
): StageFactory {
  const byKey = new Map<string, string>();
  for (const e of extractions) {
    const expr = e.expression ?? e.name;
    // Loki's logfmt expression grammar is a single KEY token (anything but white space).
    const words = expr.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length !== 1) {
      const got = words.length === 0 ? '$end' : 'KEY';
      throw new WatchpostError('ERR_LOGQL_PARSE', `cannot parse expression [${expr}]: syntax error: unexpected ${got}`);
    }
    const key = words[0] as string;
    if (!isValidLabelName(e.name)) throw new WatchpostError('ERR_LOGQL_PARSE', `invalid extracted label name '${e.name}'`);
    byKey.set(key, e.name);
  }
  return () => ({
    process(_tsNs, line, lbs) {
      for (const id of byKey.values()) if (!lbs.baseHas(id)) lbs.setParsed(id, '', stageIndex);
      let err: string | undefined;
      scanLogfmt(
        line,
        (key, value) => {
          const id = byKey.get(key);
          if (id === undefined) return;
          // Loki drops a value holding utf8.RuneError in the expression form.
          lbs.setParsed(id, value === undefined || value.includes('\uFFFD') ? '' : value, stageIndex);
        },
        (message) => {
          if (!strict) return true;
          err = message;
          return false;
        },
      );
      if (err !== undefined) lbs.setErr(pipelineErrors.logfmt, err);
      return line;
    },
  });
}
