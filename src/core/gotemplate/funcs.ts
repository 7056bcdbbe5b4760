import type { GoValue } from './values.js';

/** The Go parameter types the executor converts arguments to (reflect's assignability, simplified). */
export type ParamKind = 'string' | 'int' | 'float64' | 'bool' | 'any' | 'time';

/**
 * A template function: its Go signature and a JS implementation. Throwing
 * an Error is Go's returned error (`error calling name: <message>`).
 */
export interface GoFunc {
  readonly params: readonly ParamKind[];
  /** Element type of a final `...T` parameter. */
  readonly variadic?: ParamKind;
  readonly fn: (...args: never[]) => GoValue;
}

export type FuncMap = Readonly<Record<string, GoFunc>>;

/** Declares a template function. */
export function defineFunc<const P extends readonly ParamKind[]>(params: P, fn: (...args: never[]) => GoValue, variadic?: ParamKind): GoFunc {
  return variadic === undefined ? { params, fn } : { params, fn, variadic };
}
