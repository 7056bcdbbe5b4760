import { formatGoTime } from '../go/time-layout.js';
import type { GoLocation } from '../go/time-layout.js';
import { UTC_LOCATION } from '../go/time-layout.js';

/**
 * Go values as the template engine sees them: string, int (bigint),
 * float64 (number), bool, nil (null), "no value" (undefined: an invalid
 * reflect.Value), slices (arrays), maps (plain objects), time.Time (GoTime)
 * and funcs (JS functions, for `call`).
 */
export type GoValue =
  | string
  | bigint
  | number
  | boolean
  | null
  | undefined
  | readonly GoValue[]
  | GoMap
  | GoMapView
  | GoTime
  | ((...args: GoValue[]) => GoValue);

export interface GoMap {
  readonly [key: string]: GoValue;
}

/**
 * A read-only map[string]string the executor reads through callbacks, so a
 * caller can expose its data (LogQL's labels) without copying it per execution.
 */
export class GoMapView {
  readonly #get: (key: string) => string | undefined;
  readonly #keys: () => readonly string[];

  constructor(get: (key: string) => string | undefined, keys: () => readonly string[]) {
    this.#get = get;
    this.#keys = keys;
  }

  get(key: string): string | undefined {
    return this.#get(key);
  }

  keys(): readonly string[] {
    return this.#keys();
  }
}

/** Go's time.Time: an instant (Unix ns) in a location. */
export class GoTime {
  readonly unixNs: bigint;
  readonly location: GoLocation;

  constructor(unixNs: bigint, location: GoLocation = UTC_LOCATION) {
    this.unixNs = unixNs;
    this.location = location;
  }

  /** Go's zero time, 0001-01-01 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(-62135596800n * 1_000_000_000n);
  }

  isZero(): boolean {
    return this.unixNs === -62135596800n * 1_000_000_000n;
  }

  format(layout: string): string {
    return formatGoTime(layout, this.unixNs, this.location);
  }

  /** Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`. */
  toString(): string {
    return this.format('2006-01-02 15:04:05.999999999 -0700 MST');
  }

  unix(): bigint {
    return floorDiv(this.unixNs, 1_000_000_000n);
  }
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** A plain-object map (not a view, slice or time). */
export function isGoMap(v: GoValue): v is GoMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoTime) && !(v instanceof GoMapView);
}

/** Either kind of map. */
export function isAnyMap(v: GoValue): v is GoMap | GoMapView {
  return v instanceof GoMapView || isGoMap(v);
}

/** A map entry, undefined when absent (Object.prototype members are not entries). */
export function mapGet(m: GoMap | GoMapView, key: string): GoValue {
  if (m instanceof GoMapView) return m.get(key);
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

export function mapKeys(m: GoMap | GoMapView): readonly string[] {
  return m instanceof GoMapView ? m.keys() : Object.keys(m);
}

/** True for a map[string]string (whose zero value is ""), false for map[string]interface {}. */
export function isStringMap(m: GoMap | GoMapView): boolean {
  return m instanceof GoMapView || Object.values(m).every((x) => typeof x === 'string');
}

/** Go's type name as fmt's %T prints it. */
export function goTypeName(v: GoValue): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func(...interface {}) interface {}';
    case 'undefined':
      return '<nil>';
    default:
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return '[]interface {}';
      if (v instanceof GoTime) return 'time.Time';
      return isStringMap(v as GoMap | GoMapView) ? 'map[string]string' : 'map[string]interface {}';
  }
}

/** text/template's truth: false, 0, nil, empty string/slice/map are false. */
export function isTrue(v: GoValue): boolean {
  switch (typeof v) {
    case 'string':
      return v !== '';
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'boolean':
      return v;
    case 'function':
      return true;
    case 'undefined':
      return false;
    default:
      if (v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof GoTime) return true;
      if (v instanceof GoMapView) return v.keys().length > 0;
      for (const _ in v as GoMap) return true;
      return false;
  }
}
