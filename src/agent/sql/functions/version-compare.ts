import { SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';

/** The switches osquery's versionCompare takes; each package flavour sets some of them. */
export interface VersionCompareOptions {
  /** A version with an epoch (`N:`) sorts after one without. */
  readonly epoch: boolean;
  /** Delimiters order among themselves: ~ < - < ^ < . < : */
  readonly delimPrecedence: boolean;
  /** When one version is a prefix of the other, the next character decides (~ less, - equal, ^ greater). */
  readonly compRemaining: boolean;
  /** With compRemaining, a value difference counts only if the last shared character is not a digit. */
  readonly remainderPrecedence: boolean;
}

const plain: VersionCompareOptions = { epoch: false, delimPrecedence: false, compRemaining: false, remainderPrecedence: false };

/** version_compare's third argument (case-insensitive), as osquery maps it; the same sets back its collations. */
export const versionFlavors: Readonly<Record<string, VersionCompareOptions>> = {
  ARCH: { epoch: true, delimPrecedence: false, compRemaining: true, remainderPrecedence: true },
  DPKG: { epoch: true, delimPrecedence: true, compRemaining: false, remainderPrecedence: false },
  RHEL: { epoch: true, delimPrecedence: true, compRemaining: true, remainderPrecedence: false },
};

const code = (ch: string): number => ch.charCodeAt(0);

function delimiterPrecedence(byte: number | undefined): number {
  switch (byte) {
    case code('~'): return 1;
    case code('-'): return 2;
    case code('^'): return 3;
    case code('.'): return 4;
    case code(':'): return 5;
    default: return 0;
  }
}

/** A `char` on x86-64 Linux is signed, so bytes >= 0x80 compare as negative. */
function signedChar(byte: number | undefined): number {
  const b = byte ?? 0;
  return b >= 0x80 ? b - 0x100 : b;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function compareEpoch(l: Uint8Array, r: Uint8Array): number {
  const le = l.indexOf(code(':'));
  const re = r.indexOf(code(':'));
  if (le >= 0 && re >= 0) return le - re;
  if (le >= 0) return 1;
  if (re >= 0) return -1;
  return 0;
}

function compareRemainder(l: Uint8Array, r: Uint8Array, pos: number, diff: number, o: VersionCompareOptions): number {
  for (const [shorter, longer, sign] of [[l, r, 1], [r, l, -1]] as const) {
    if (shorter.length !== pos) continue;
    const next = longer[pos];
    if (o.compRemaining) {
      if (next === code('~')) return sign;
      if (next === code('-')) return 0;
      if (next === code('^')) return -sign;
      if (diff !== 0 && (!o.remainderPrecedence || !isDigit(shorter[pos - 1]))) return diff;
    } else if (diff !== 0 && delimiterPrecedence(next) > 0) return diff;
  }
  return l.length - r.length;
}

/**
 * osquery's versionCompare on raw bytes: negative, zero or positive (not
 * clamped). Segments between delimiters compare by length first (the longer
 * is greater, so '1.10' > '1.9'), then by their first differing byte
 * ('20.10a' > '20.102'); the flavour options refine epochs, delimiters and
 * what a leftover tail means.
 */
export function compareVersions(l: Uint8Array, r: Uint8Array, o: VersionCompareOptions = plain): number {
  if (l.length === 0 || r.length === 0) return l.length === r.length ? 0 : l.length === 0 ? -1 : 1;
  if (Buffer.compare(l, r) === 0) return 0;
  if (o.epoch) {
    const epochDiff = compareEpoch(l, r);
    if (epochDiff !== 0) return epochDiff;
  }
  let firstDiff = 0;
  const min = Math.min(l.length, r.length);
  for (let i = 0; i < min; i++) {
    const ld = delimiterPrecedence(l[i]);
    const rd = delimiterPrecedence(r[i]);
    if (ld === 0 && rd === 0) {
      if (firstDiff === 0) firstDiff = signedChar(l[i]) - signedChar(r[i]);
      continue;
    }
    if (ld === 0) return 1;
    if (rd === 0) return -1;
    if (firstDiff !== 0) return firstDiff;
    if (o.delimPrecedence && ld !== rd) return ld - rd;
  }
  if (l.length === r.length) return firstDiff;
  return compareRemainder(l, r, min, firstDiff, o);
}

/** boost::iequals compares byte by byte in the C locale: only ASCII letters fold. */
function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (ch) => ch.toUpperCase());
}

/** version_compare(left, right[, 'ARCH'|'DPKG'|'RHEL']): -1, 0 or 1, with osquery's argument errors. */
function versionCompare(...args: SqlArg[]): SqlResult {
  const [left, right, flavor] = args;
  if (left?.type !== 'text' || right?.type !== 'text') {
    throw new SqlFunctionError('Must provide two version strings to compare.');
  }
  let options = plain;
  if (flavor !== undefined) {
    if (flavor.type !== 'text') throw new SqlFunctionError('The optional third parameter is not a string.');
    const picked = versionFlavors[asciiUpper(flavor.text() ?? '')];
    if (!picked) throw new SqlFunctionError('The optional third parameter does not match one of: (ARCH, DPKG, RHEL).');
    options = picked;
  }
  const rc = compareVersions(left.cstring() ?? new Uint8Array(0), right.cstring() ?? new Uint8Array(0), options);
  return Math.sign(rc);
}

/** version_compare (osquery/sql/sqlite_version.cpp); the VERSION* collations cannot be registered on the WebAssembly build. */
export const versionFunctions: readonly ScalarFunction[] = [{ name: 'version_compare', arity: -1, fn: versionCompare }];
