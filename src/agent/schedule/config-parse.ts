import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { WatchpostError } from '../../core/index.js';
import { originalLine, prepareConfigText, type PreparedConfigText } from './config-text.js';
import { emptyDecorators, mainPackName, type AgentConfig, type DecoratorConfig, type PackConfig, type QueryConfig } from './config-model.js';
import { JsonSyntaxError, parseLocatedJson, type JsonValue, type LocatedJson } from './located-json.js';

export interface ParseConfigOptions {
  /** The file the text came from; errors name it. */
  readonly file: string;
  /** `--schedule_default_interval`, for queries without an interval; default 3600. */
  readonly defaultIntervalS?: number;
  /** Reads a pack file named by path; default readFileSync. */
  readonly readFile?: (path: string) => string;
}

const maxIntervalS = 604_800;
const maxConfigBytes = 1024 * 1024;

/** One parsed document with what is needed to point at its lines. */
interface Doc {
  readonly file: string;
  readonly prepared: PreparedConfigText;
  readonly json: LocatedJson;
}

/**
 * Parses and validates an osquery config document. A document that is not
 * valid JSON, or a key whose value has the wrong type, is refused with
 * ERR_CONFIG_INVALID naming file, line and key:
 * `/etc/osquery/osquery.conf:12: schedule.users.interval: must be a number of seconds`.
 * What osquery skips with a warning (interval out of range, reserved names,
 * decorator periods that are not multiples of 60) is skipped here too and
 * reported in `warnings`.
 */
export function parseAgentConfig(text: string, options: ParseConfigOptions): AgentConfig {
  const readFile = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const defaultIntervalS = options.defaultIntervalS ?? 3600;
  const warnings: string[] = [];
  const hash = createHash('sha1');
  hash.update(text);
  const doc = parseDoc(text, options.file);
  const root = expectObject(doc, [], doc.json.value);

  const packs: PackConfig[] = [];
  const schedule = root.schedule;
  if (schedule !== undefined) {
    const queries = parseQueries(doc, ['schedule'], schedule, defaultIntervalS, warnings);
    packs.push({ name: mainPackName, source: doc.file, platform: '', version: '', shard: 0, discovery: [], queries });
  }
  if (root.packs !== undefined) {
    const packsObj = expectObject(doc, ['packs'], root.packs);
    for (const [name, value] of Object.entries(packsObj)) {
      const path = ['packs', name];
      if (typeof value === 'string') {
        for (const file of expandPackPath(doc, path, name, value)) {
          let packText: string;
          try {
            packText = readFile(file.path);
          } catch (err) {
            throw configError(doc, path, `cannot read pack file ${file.path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
          }
          hash.update(packText);
          const packDoc = parseDoc(packText, file.path);
          packs.push(parsePack(packDoc, [], file.name, packDoc.json.value, defaultIntervalS, warnings));
        }
      } else {
        packs.push(parsePack(doc, path, name, value, defaultIntervalS, warnings));
      }
    }
  }

  const filePaths: Record<string, string[]> = {};
  if (root.file_paths !== undefined) {
    for (const [category, globs] of Object.entries(expectObject(doc, ['file_paths'], root.file_paths))) {
      filePaths[category] = expectStrings(doc, ['file_paths', category], globs);
    }
  }
  return {
    options: parseOptions(doc, root.options),
    packs,
    decorators: root.decorators === undefined ? emptyDecorators : parseDecorators(doc, root.decorators, warnings),
    filePaths,
    prometheusTargets: root.prometheus_targets,
    hash: hash.digest('hex'),
    warnings,
  };
}

function parseDoc(text: string, file: string): Doc {
  if (Buffer.byteLength(text) > maxConfigBytes) {
    throw new WatchpostError('ERR_CONFIG_INVALID', `${file}:1: config is larger than ${maxConfigBytes} bytes`);
  }
  const prepared = prepareConfigText(text);
  try {
    return { file, prepared, json: parseLocatedJson(prepared.text) };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new WatchpostError('ERR_CONFIG_INVALID', `${file}:${originalLine(prepared, err.line)}: invalid JSON: ${err.message}`, { cause: err });
  }
}

function configError(doc: Doc, path: readonly string[], reason: string): WatchpostError {
  const jsonLine = doc.json.lineOf(path) ?? 1;
  const key = path.length === 0 ? '(top level)' : path.join('.');
  return new WatchpostError('ERR_CONFIG_INVALID', `${doc.file}:${originalLine(doc.prepared, jsonLine)}: ${key}: ${reason}`, {
    details: { file: doc.file, line: originalLine(doc.prepared, jsonLine), key },
  });
}

function typeName(v: JsonValue): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function expectObject(doc: Doc, path: readonly string[], v: JsonValue): Record<string, JsonValue> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw configError(doc, path, `must be an object, not ${typeName(v)}`);
  return v;
}

function expectStrings(doc: Doc, path: readonly string[], v: JsonValue): string[] {
  if (!Array.isArray(v)) throw configError(doc, path, `must be an array of strings, not ${typeName(v)}`);
  return v.map((item, i) => {
    if (typeof item !== 'string') throw configError(doc, [...path, String(i)], `must be a string, not ${typeName(item)}`);
    return item;
  });
}

function optionalString(doc: Doc, path: readonly string[], v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw configError(doc, path, `must be a string, not ${typeName(v)}`);
  return v;
}

/** A number or numeric string (osquery accepts both for interval, shard, priority); undefined when absent. */
function optionalUnsigned(doc: Doc, path: readonly string[], v: JsonValue | undefined, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0) throw configError(doc, path, `must be ${what}, not ${JSON.stringify(v)}`);
  return n;
}

function optionalBool(doc: Doc, path: readonly string[], v: JsonValue | undefined, fallback: boolean): boolean {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw configError(doc, path, `must be true or false, not ${JSON.stringify(v)}`);
}

function parseOptions(doc: Doc, v: JsonValue | undefined): Record<string, string> {
  if (v === undefined) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(expectObject(doc, ['options'], v))) {
    if (value !== null && typeof value === 'object') throw configError(doc, ['options', name], `must be a string, number or boolean, not ${typeName(value)}`);
    out[name] = value === null ? '' : String(value);
  }
  return out;
}

const reservedPrefixes = ['query.', 'cache.', 'config_views.'];

function parseQueries(doc: Doc, path: readonly string[], v: JsonValue, defaultIntervalS: number, warnings: string[]): QueryConfig[] {
  const out: QueryConfig[] = [];
  for (const [name, value] of Object.entries(expectObject(doc, path, v))) {
    const qpath = [...path, name];
    const q = expectObject(doc, qpath, value);
    if (typeof q.query !== 'string') {
      throw configError(doc, q.query === undefined ? qpath : [...qpath, 'query'], q.query === undefined ? 'missing "query"' : `must be a string, not ${typeName(q.query)}`);
    }
    const intervalS = optionalUnsigned(doc, [...qpath, 'interval'], q.interval, 'a number of seconds') ?? defaultIntervalS;
    if (reservedPrefixes.some((p) => name.startsWith(p)) || name.endsWith('epoch') || name.endsWith('counter')) {
      warnings.push(`Query name is reserved, skipping: ${name}`);
      continue;
    }
    if (intervalS < 1 || intervalS > maxIntervalS) {
      warnings.push(`Query has invalid interval: ${name}: ${intervalS}`);
      continue;
    }
    const priority = optionalUnsigned(doc, [...qpath, 'startup_priority'], q.startup_priority, 'an unsigned number');
    out.push({
      name,
      query: q.query,
      intervalS,
      snapshot: optionalBool(doc, [...qpath, 'snapshot'], q.snapshot, false),
      removed: optionalBool(doc, [...qpath, 'removed'], q.removed, true),
      platform: optionalString(doc, [...qpath, 'platform'], q.platform),
      version: optionalString(doc, [...qpath, 'version'], q.version),
      shard: optionalUnsigned(doc, [...qpath, 'shard'], q.shard, 'a shard between 1 and 100') ?? 0,
      denylist: optionalBool(doc, [...qpath, 'denylist'], q.denylist, true),
      ...(priority === undefined ? {} : { startupPriority: priority }),
    });
  }
  return out;
}

function parsePack(doc: Doc, path: readonly string[], name: string, v: JsonValue, defaultIntervalS: number, warnings: string[]): PackConfig {
  const pack = expectObject(doc, path, v);
  return {
    name,
    source: doc.file,
    platform: optionalString(doc, [...path, 'platform'], pack.platform),
    version: optionalString(doc, [...path, 'version'], pack.version),
    shard: optionalUnsigned(doc, [...path, 'shard'], pack.shard, 'a shard between 1 and 100') ?? 0,
    discovery: pack.discovery === undefined ? [] : expectStrings(doc, [...path, 'discovery'], pack.discovery),
    queries: pack.queries === undefined ? [] : parseQueries(doc, [...path, 'queries'], pack.queries, defaultIntervalS, warnings),
  };
}

/** A pack given as a path: one file, or with the key "*" a glob whose matches are packs named after their stems. */
function expandPackPath(doc: Doc, path: readonly string[], name: string, value: string): Array<{ name: string; path: string }> {
  const base = dirname(resolve(doc.file));
  const full = isAbsolute(value) ? value : join(base, value);
  if (name !== '*') return [{ name, path: full }];
  const dir = dirname(full);
  const pattern = basename(full);
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((f) => re.test(f)).sort();
  } catch (err) {
    throw configError(doc, path, `cannot list pack directory ${dir}: ${(err as Error).message}`);
  }
  return entries.map((f) => ({ name: basename(f, extname(f)), path: join(dir, f) }));
}

function parseDecorators(doc: Doc, v: JsonValue, warnings: string[]): DecoratorConfig {
  const d = expectObject(doc, ['decorators'], v);
  const interval: Array<{ periodS: number; queries: string[] }> = [];
  if (d.interval !== undefined) {
    for (const [period, queries] of Object.entries(expectObject(doc, ['decorators', 'interval'], d.interval))) {
      const list = expectStrings(doc, ['decorators', 'interval', period], queries);
      const periodS = Number(period);
      if (!Number.isInteger(periodS) || periodS <= 0 || periodS % 60 !== 0) {
        warnings.push(`Decorator interval must be a multiple of 60: ${period}`);
        continue;
      }
      interval.push({ periodS, queries: list });
    }
  }
  return {
    load: d.load === undefined ? [] : expectStrings(doc, ['decorators', 'load'], d.load),
    always: d.always === undefined ? [] : expectStrings(doc, ['decorators', 'always'], d.always),
    interval,
  };
}
