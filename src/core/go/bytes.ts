/**
 * Byte sizes as dustin/go-humanize v1.0.1 `ParseBytes` reads them (the LogQL
 * bytes literal, bytes label filters, `unwrap bytes(...)`, the `bytes`
 * template function): a decimal number (commas ignored) then an optional,
 * case-insensitive unit `B kB KB KiB MB MiB … EB EiB` or its short form
 * `k ki m mi …`. The value is truncated to whole bytes.
 */
import { fail, ok, type ParseResult } from './parse-result.js';

const KB = 1000;
const KIB = 1024;

const sizeTable: Readonly<Record<string, number>> = {
  b: 1,
  '': 1,
  kib: KIB,
  ki: KIB,
  kb: KB,
  k: KB,
  mib: KIB ** 2,
  mi: KIB ** 2,
  mb: KB ** 2,
  m: KB ** 2,
  gib: KIB ** 3,
  gi: KIB ** 3,
  gb: KB ** 3,
  g: KB ** 3,
  tib: KIB ** 4,
  ti: KIB ** 4,
  tb: KB ** 4,
  t: KB ** 4,
  pib: KIB ** 5,
  pi: KIB ** 5,
  pb: KB ** 5,
  p: KB ** 5,
  eib: KIB ** 6,
  ei: KIB ** 6,
  eb: KB ** 6,
  e: KB ** 6,
};

/** 2^64: humanize refuses sizes at or over math.MaxUint64. */
const UINT64_LIMIT = 18446744073709551616;

/** The strconv.ParseFloat grammar restricted to what ParseBytes can pass it: digits and dots. */
const decimalPattern = /^(?:\d+\.?\d*|\.\d+)$/;

/**
 * humanize.ParseBytes. Errors are Go's: `strconv.ParseFloat: parsing "": invalid syntax`,
 * `unhandled size name: xb`, `too large: 99EB`.
 */
export function parseBytes(text: string): ParseResult<number> {
  let end = 0;
  let hasComma = false;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === 44) hasComma = true;
    else if (!(code === 46 || (code >= 48 && code <= 57))) break;
    end++;
  }
  const numberText = hasComma ? text.slice(0, end).replaceAll(',', '') : text.slice(0, end);
  if (!decimalPattern.test(numberText)) {
    return fail(`strconv.ParseFloat: parsing ${JSON.stringify(numberText)}: invalid syntax`);
  }
  const value = Number(numberText);
  if (!Number.isFinite(value)) return fail(`strconv.ParseFloat: parsing ${JSON.stringify(numberText)}: value out of range`);
  const unit = trimGoSpace(text.slice(end)).toLowerCase();
  const multiplier = sizeTable[unit];
  if (multiplier === undefined) return fail(`unhandled size name: ${unit}`);
  const bytes = value * multiplier;
  if (bytes >= UINT64_LIMIT) return fail(`too large: ${text}`);
  return ok(Math.trunc(bytes));
}

/** strings.TrimSpace for the ASCII and Unicode white space Go trims. */
function trimGoSpace(text: string): string {
  return text.replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');
}
