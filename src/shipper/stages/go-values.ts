/**
 * How promtail turns extracted values into strings and floats (its
 * `getString` / `getFloat`), and how Go's JSON encoder writes values the json
 * stage re-serialises and the pack stage packs.
 *
 * Extracted values are what the parsing stages store: strings, numbers
 * (JSON numbers are float64 in Go), booleans and null (Go's nil).
 */
import { parseGoDuration } from '../../core/go/index.js';

/** strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (Object.is(value, -0)) return '-0';
  const abs = Math.abs(value);
  if (abs >= 1e-6 && abs < 1e21) return String(value);
  // Shortest round-trip digits from the exponent form, then placed.
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  let out: string;
  if (exponent >= 0) out = digits.padEnd(exponent + 1, '0');
  else out = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  return negative ? `-${out}` : out;
}

/** promtail's getString: undefined when the value is not convertible (nil, objects). */
export function toGoString(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatGoFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    default:
      return undefined;
  }
}

const floatPattern = /^(?:[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf(?:inity)?)|nan)$/i;

/**
 * promtail's getFloat: numbers, booleans as 1/0, strings through
 * strconv.ParseFloat and else as a Go duration in seconds (`0.5ms` → 0.0005).
 */
export function toGoFloat(value: unknown): number | undefined {
  switch (typeof value) {
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return Number(value);
    case 'string': {
      if (floatPattern.test(value)) {
        const lower = value.toLowerCase();
        if (lower.endsWith('inf') || lower.endsWith('infinity')) return value.startsWith('-') ? -Infinity : Infinity;
        return Number(value);
      }
      const duration = parseGoDuration(value);
      return duration.ok ? duration.value / 1e9 : undefined;
    }
    default:
      return undefined;
  }
}

const htmlUnsafe = /[<>&\u2028\u2029]/g;
const htmlEscapes: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * A JSON string as promtail's encoder (json-iterator, HTML-safe) writes it:
 * `<` `>` `&` U+2028 U+2029 as `\u003c`…, control characters other than
 * `\n` `\r` `\t` as `\u00XX` (so `\b` is `\u0008`).
 */
export function encodeGoJsonString(text: string): string {
  let json = JSON.stringify(text);
  if (htmlUnsafe.test(json)) json = json.replace(htmlUnsafe, (ch) => htmlEscapes[ch] as string);
  if (text.includes('\b') || text.includes('\f')) {
    json = json.replace(/\\(u[0-9a-f]{4}|.)/g, (escape: string, code: string) => (code === 'b' ? '\\u0008' : code === 'f' ? '\\u000c' : escape));
  }
  return json;
}

/**
 * Any JSON value as Go's `json.Marshal` writes it: compact, HTML-safe,
 * object keys sorted (Go sorts map keys).
 */
export function encodeGoJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return encodeGoJsonString(value);
    case 'number':
      if (Object.is(value, -0)) return '-0';
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => encodeGoJson(v)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys.map((k) => `${encodeGoJsonString(k)}:${encodeGoJson(record[k])}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}

/** Prometheus's legacy label-name rule `[a-zA-Z_][a-zA-Z0-9_]*`. */
export function isLegacyLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// String.prototype.isWellFormed (V8 11.3+, Node 20) when present; the regex otherwise.
const nativeIsWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/** model.LabelValue.IsValid: valid UTF-8 (a JS string without lone surrogates). */
export function isValidLabelValue(value: string): boolean {
  return nativeIsWellFormed !== undefined ? nativeIsWellFormed.call(value) : !loneSurrogate.test(value);
}
