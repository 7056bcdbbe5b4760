import { real, SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';

/**
 * osquery's math functions (osquery/sql/sqlite_math.cpp) where the
 * extension-functions.c build registered by index.ts differs from them.
 *
 * Both compute the same values, but osquery checks errno after the C call
 * and fails the query with strerror() where glibc reports a domain or range
 * error; the WebAssembly libm sets no errno, so those calls returned NULL,
 * -Inf or Inf instead. atan, ceil, floor, degrees, radians and pi already
 * behave as osquery's and are left to extension-functions.c.
 */

const EDOM = 'Numerical argument out of domain';
const ERANGE = 'Numerical result out of range';

/** The errno glibc would set for f(x), or undefined. */
type ErrnoCheck = (x: number, result: number) => string | undefined;

const domainIfInfinite: ErrnoCheck = (x) => (Number.isFinite(x) ? undefined : EDOM);
const logErrors: ErrnoCheck = (x) => (x < 0 ? EDOM : x === 0 ? ERANGE : undefined);

/** expl() overflows past ln(LDBL_MAX) and underflows to zero below ln of the smallest subnormal long double. */
const expLimits = { max: 11356.5234062941, min: -11399.4985314888 };

function unary(name: string, f: (x: number) => number, check: ErrnoCheck): ScalarFunction {
  return {
    name,
    arity: 1,
    fn: (arg: SqlArg): SqlResult => {
      if (arg.type === 'null') return null;
      const x = arg.double();
      const result = f(x);
      const errno = check(x, result);
      if (errno !== undefined) throw new SqlFunctionError(errno);
      return real(result);
    },
  };
}

/** C pow(): JavaScript differs only for a base of ±1 with an infinite exponent (C gives 1). */
function cPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && !Number.isFinite(y))) return 1;
  return Math.pow(x, y);
}

/** glibc pow's errno: EDOM for a NaN from finite inputs, ERANGE for overflow, a pole or underflow to zero. */
function powErrno(x: number, y: number, result: number): string | undefined {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  if (Number.isNaN(result)) return EDOM;
  if (!Number.isFinite(result)) return ERANGE;
  if (result === 0 && x !== 0) return ERANGE;
  return undefined;
}

function power(base: SqlArg, exponent: SqlArg): SqlResult {
  if (base.type === 'null' || exponent.type === 'null') return null;
  const x = base.double();
  const y = exponent.double();
  const result = cPow(x, y);
  const errno = powErrno(x, y, result);
  if (errno !== undefined) throw new SqlFunctionError(errno);
  return real(result);
}

export const mathFunctions: readonly ScalarFunction[] = [
  unary('sqrt', Math.sqrt, (x) => (x < 0 ? EDOM : undefined)),
  unary('acos', Math.acos, (x) => (Math.abs(x) > 1 ? EDOM : undefined)),
  unary('asin', Math.asin, (x) => (Math.abs(x) > 1 ? EDOM : undefined)),
  unary('sin', Math.sin, domainIfInfinite),
  unary('cos', Math.cos, domainIfInfinite),
  unary('tan', Math.tan, domainIfInfinite),
  unary('cot', (x) => 1 / Math.tan(x), domainIfInfinite),
  unary('exp', Math.exp, (x) => (x > expLimits.max || x < expLimits.min ? ERANGE : undefined)),
  unary('log', Math.log, logErrors),
  unary('log10', Math.log10, logErrors),
  { name: 'power', arity: 2, fn: power },
];
