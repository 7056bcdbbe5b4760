/**
 * Reading one stage's YAML config (already parsed to plain data) with errors
 * that name the stage and the key: `invalid json stage config: …`, the
 * prefix promtail puts on every stage error. Unknown keys are refused (promtail
 * ignores them silently, which hides typos).
 */
import { WatchpostError } from '../../core/index.js';
import { formatGoFloat } from './go-values.js';

/** A config error for `stage`, worded as promtail's `invalid <stage> stage config: <message>`. */
export function stageConfigError(stage: string, message: string, key?: string): WatchpostError {
  return new WatchpostError('ERR_CONFIG_INVALID', `invalid ${stage} stage config: ${message}`, {
    details: key === undefined ? { stage } : { stage, key },
  });
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A YAML scalar as promtail's weak decoding reads it into a string field. */
function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatGoFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typed access to one stage's config map; `finish()` refuses keys nobody read. */
export class StageConfig {
  readonly stage: string;
  readonly #map: Record<string, unknown>;
  readonly #known = new Set<string>();

  constructor(stage: string, config: unknown) {
    this.stage = stage;
    if (config === null || config === undefined) this.#map = {};
    else if (isPlainMap(config)) this.#map = config;
    else throw stageConfigError(stage, `expected a map of options, got ${describe(config)}`);
  }

  /** Whether the key is present (even with a null value). */
  has(key: string): boolean {
    this.#known.add(key);
    return Object.hasOwn(this.#map, key);
  }

  raw(key: string): unknown {
    this.#known.add(key);
    return this.#map[key];
  }

  fail(message: string, key?: string): WatchpostError {
    return stageConfigError(this.stage, message, key);
  }

  #wrongType(key: string, want: string): WatchpostError {
    return this.fail(`'${key}' expected ${want}, got ${describe(this.#map[key])}`, key);
  }

  /** A string option; numbers and booleans are read as their text. Null/absent → undefined. */
  string(key: string): string | undefined {
    const value = this.raw(key);
    if (value === null || value === undefined) return undefined;
    const text = scalarToString(value);
    if (text === undefined) throw this.#wrongType(key, 'a string');
    return text;
  }

  bool(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    // YAML 1.1 spellings (go-yaml v2 reads them as booleans).
    if (typeof value === 'string') {
      const lower = value.toLowerCase();
      if (['true', 'yes', 'y', 'on'].includes(lower)) return true;
      if (['false', 'no', 'n', 'off'].includes(lower)) return false;
    }
    throw this.#wrongType(key, 'a boolean');
  }

  number(key: string): number | undefined {
    const value = this.raw(key);
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    throw this.#wrongType(key, 'a number');
  }

  /** A map of string → string (null values kept as undefined). */
  stringMap(key: string): Map<string, string | undefined> | undefined {
    const value = this.raw(key);
    if (value === null || value === undefined) return undefined;
    if (!isPlainMap(value)) throw this.#wrongType(key, 'a map');
    return readStringMap(this, value, key);
  }

  /** A list of strings; a single string counts as a one-element list when `allowScalar`. */
  stringList(key: string, allowScalar = false): string[] | undefined {
    const value = this.raw(key);
    if (value === null || value === undefined) return undefined;
    if (allowScalar && scalarToString(value) !== undefined) return [scalarToString(value) as string];
    if (!Array.isArray(value)) throw this.#wrongType(key, 'a list of strings');
    return value.map((item, index) => {
      const text = scalarToString(item);
      if (text === undefined) throw this.fail(`'${key}[${index}]' expected a string, got ${describe(item)}`, key);
      return text;
    });
  }

  /** Refuses keys that no accessor asked for. */
  finish(): void {
    for (const key of Object.keys(this.#map)) {
      if (!this.#known.has(key)) {
        const valid = [...this.#known].join(', ');
        throw this.fail(`unknown key '${key}'${valid === '' ? '' : ` (valid keys: ${valid})`}`, key);
      }
    }
  }
}

/** Reads a map whose values must be strings (or null); `where` names it in errors. */
export function readStringMap(config: StageConfig, value: Record<string, unknown>, where?: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const [name, item] of Object.entries(value)) {
    if (item === null || item === undefined) {
      out.set(name, undefined);
      continue;
    }
    const text = scalarToString(item);
    const path = where === undefined ? name : `${where}.${name}`;
    if (text === undefined) throw config.fail(`'${path}' expected a string, got ${describe(item)}`, path);
    out.set(name, text);
  }
  return out;
}
