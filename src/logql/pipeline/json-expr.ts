import { WatchpostError } from '../../core/index.js';
import type { LabelExtraction } from '../syntax/ast.js';
import { pipelineErrors } from './errors.js';
import { readJsonValue } from './json-parser.js';
import { eachObjectMember, JsonScanError, scanValue, skipSpace, unescapeJsonString } from './json-scan.js';
import { isValidLabelName } from './sanitize.js';
import type { Stage } from './stage.js';

export type JsonPathPart = string | number;

/**
 * Parses a json/logfmt extraction expression (Loki `jsonexpr`): fields
 * `a.b`, brackets `a["key with space"]`, indexes `list[0]`, any mix.
 * Errors read as Loki's yacc errors (`syntax error: unexpected DOT, expecting FIELD`).
 */
export function parseJsonPath(expr: string): JsonPathPart[] {
  const tokens = lexJsonPath(expr);
  const parts: JsonPathPart[] = [];
  let i = 0;
  const unexpected = (expecting: string): Error => {
    const t = tokens[i];
    return new Error(`syntax error: unexpected ${t === undefined ? '$end' : t.kind}${expecting === '' ? '' : `, expecting ${expecting}`}`);
  };
  if (tokens.length === 0) throw new Error('syntax error: unexpected $end');
  if (tokens[0]!.kind === 'FIELD') parts.push(tokens[i++]!.value as string);
  else if (tokens[0]!.kind !== 'LSB') throw unexpected('LSB or FIELD');
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'DOT') {
      i++;
      if (tokens[i]?.kind !== 'FIELD') throw unexpected('FIELD');
      parts.push(tokens[i++]!.value as string);
    } else if (t.kind === 'LSB') {
      i++;
      const v = tokens[i];
      if (v?.kind !== 'STRING' && v?.kind !== 'INDEX') throw unexpected('STRING or INDEX');
      parts.push(v.value);
      i++;
      if (tokens[i]?.kind !== 'RSB') throw unexpected('RSB');
      i++;
    } else throw unexpected('');
  }
  return parts;
}

interface PathToken {
  readonly kind: 'FIELD' | 'DOT' | 'LSB' | 'RSB' | 'STRING' | 'INDEX';
  readonly value: JsonPathPart;
}

function lexJsonPath(expr: string): PathToken[] {
  const out: PathToken[] = [];
  let i = 0;
  let inBracket = false;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (c === ' ' || c === '\t') i++;
    else if (c === '.' || c === '[' || c === ']') {
      out.push({ kind: c === '.' ? 'DOT' : c === '[' ? 'LSB' : 'RSB', value: c });
      if (c !== '.') inBracket = c === '[';
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < expr.length && expr[j] !== '"'; j++) {
        if (expr[j] === '\\' && j + 1 < expr.length) j++;
        text += expr[j];
      }
      if (j >= expr.length) throw new Error('syntax error: unexpected $end');
      out.push({ kind: 'STRING', value: text });
      i = j + 1;
    } else if (inBracket && /[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(expr.slice(i)) as RegExpExecArray;
      out.push({ kind: 'INDEX', value: Number(m[0]) });
      i += m[0].length;
    } else {
      const m = /^[^.[\]"\s]+/.exec(expr.slice(i)) as RegExpExecArray;
      out.push({ kind: 'FIELD', value: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

/** Finds the value at `path` in a JSON line: the label value, or undefined when missing. Throws JsonScanError. */
export function extractJsonPath(line: string, path: readonly JsonPathPart[]): string | undefined {
  let start = skipSpace(line, 0);
  for (const part of path) {
    let next = -1;
    if (typeof part === 'number') {
      if (line.charCodeAt(start) !== 91) return undefined;
      let i = skipSpace(line, start + 1);
      for (let n = 0; i < line.length && line.charCodeAt(i) !== 93; n++) {
        const { end } = scanValue(line, i);
        if (n === part) {
          next = i;
          break;
        }
        i = skipSpace(line, end);
        if (line.charCodeAt(i) === 44) i = skipSpace(line, i + 1);
      }
    } else {
      if (line.charCodeAt(start) !== 123) return undefined;
      eachObjectMember(line, start, (ks, ke, vs) => {
        const key = unescapeJsonString(line, ks, ke);
        if (key === part) {
          next = vs;
          return false;
        }
        return true;
      });
    }
    if (next < 0) return undefined;
    start = next;
  }
  const { type, end } = scanValue(line, start);
  if (type === 'object' || type === 'array') return line.slice(start, end);
  return readJsonValue(line, start, end, type);
}

/**
 * `| json a="x.y[0]", b` (logql.md §6.2): each target gets its path's value,
 * `""` when missing; a line not starting with `{`, `[` or `"` is JSONParserErr.
 */
export function createJsonExpressionStage(extractions: readonly LabelExtraction[], stageIndex: number): () => Stage {
  const targets = extractions.map((e) => {
    const expr = e.expression ?? e.name;
    let path: JsonPathPart[];
    try {
      path = parseJsonPath(expr);
    } catch (cause) {
      throw new WatchpostError('ERR_LOGQL_PARSE', `cannot parse expression [${expr}]: ${(cause as Error).message}`);
    }
    if (!isValidLabelName(e.name)) throw new WatchpostError('ERR_LOGQL_PARSE', `invalid extracted label name '${e.name}'`);
    return { name: e.name, path };
  });
  return () => ({
    process(_tsNs, line, lbs) {
      if (line === '') return line;
      const c = line.charCodeAt(0);
      if (c !== 123 && c !== 91 && c !== 34) {
        lbs.setErr(pipelineErrors.json);
        return line;
      }
      for (const t of targets) {
        let value: string | undefined;
        try {
          value = extractJsonPath(line, t.path);
        } catch (e) {
          if (!(e instanceof JsonScanError)) throw e;
          lbs.setErr(pipelineErrors.json, e.message);
        }
        lbs.setParsed(t.name, value ?? '', stageIndex);
      }
      return line;
    },
  });
}
