import { WatchpostError, formatLabels, type Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import type { PushStream } from '../../store/index.js';
import { parseLabelString, isValidLabelName } from './parse-label-string.js';
import { parseRfc3339Ns } from '../http/params.js';

const INT64_MAX = 9223372036854775807n;

function bad(message: string): WatchpostError {
  return new WatchpostError('ERR_API_BAD_REQUEST', message);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw bad(`ReadObject: ${(err as Error).message}`);
  }
}

/** The body's `streams` array ([] when absent or null), with jsoniter's texts for a wrong shape. */
function readStreamsArray(body: Buffer): unknown[] {
  const root = parseJson(body);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw bad('ReadObject: expect { or n, but found a non-object push body');
  const streams = (root as { streams?: unknown }).streams;
  if (streams === undefined || streams === null) return [];
  if (!Array.isArray(streams)) throw bad('PushRequest.Streams: ReadArray: expect [ or n');
  return streams as unknown[];
}

/**
 * Decodes a v1 JSON push body (`{"streams":[{"stream":{…},"values":[[ts, line, {meta}?]]}]}`)
 * with one JSON.parse and no per-entry objects beyond the `LogEntry` itself.
 * Timestamps must be strings of integer nanoseconds, lines strings, metadata
 * a flat string→string object; `values: null` and null entries are skipped.
 */
export function decodeJsonPush(body: Buffer): PushStream[] {
  const streams = readStreamsArray(body);
  const out: PushStream[] = [];
  for (const s of streams) {
    if (s === null) continue;
    if (typeof s !== 'object') throw bad('PushRequest.Streams: ReadObject: expect { or n');
    const labels = toLabels((s as { stream?: unknown }).stream);
    const values = (s as { values?: unknown }).values;
    if (values === undefined || values === null) {
      out.push({ labels, entries: [] });
      continue;
    }
    if (!Array.isArray(values)) throw bad('PushRequest.Streams: Values: ReadArray: expect [ or n');
    const entries: LogEntry[] = new Array(values.length);
    let n = 0;
    for (const v of values as unknown[]) {
      if (v === null) continue;
      if (!Array.isArray(v) || v.length < 2 || v.length > 3) throw bad('error reading entry: array must contain 2 or 3 values');
      const ts = v[0];
      const line = v[1];
      if (typeof ts !== 'string') throw bad(`error reading entry timestamp: ReadString: expects " or n, but found ${JSON.stringify(ts)}`);
      if (typeof line !== 'string') throw bad(`error reading entry line: ReadString: expects " or n, but found ${JSON.stringify(line)}`);
      const tsNs = parseNs(ts);
      if (v.length === 3 && v[2] !== null) {
        const metadata = toMetadata(v[2]);
        entries[n++] = metadata === undefined ? { tsNs, line } : { tsNs, line, metadata };
      } else entries[n++] = { tsNs, line };
    }
    entries.length = n;
    out.push({ labels, entries });
  }
  return out;
}

/** Integer nanoseconds as Go's strconv.ParseInt(s, 10, 64) reads them. */
function parseNs(ts: string): bigint {
  // Fast path: plain digits below 9·10^18 (up to 19 digits, the first not 9), always in int64 range.
  const n = ts.length;
  if (n > 0 && (n < 19 || (n === 19 && ts.charCodeAt(0) < 57)) && isAllDigits(ts)) return BigInt(ts);
  return parseNsSlow(ts);
}

function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseNsSlow(ts: string): bigint {
  if (!/^[+-]?\d{1,19}$/.test(ts)) throw bad(`error reading entry timestamp: strconv.ParseInt: parsing ${JSON.stringify(ts)}: ${/^[+-]?\d+$/.test(ts) ? 'value out of range' : 'invalid syntax'}`);
  const n = BigInt(ts);
  if (ts.length >= 19 && (n > INT64_MAX || n < -INT64_MAX - 1n)) throw bad(`error reading entry timestamp: strconv.ParseInt: parsing ${JSON.stringify(ts)}: value out of range`);
  return n;
}

/** A JSON stream object → Labels: values must be strings, empty values dropped, names valid. */
function toLabels(value: unknown): Labels {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('PushRequest.Streams: Stream: ReadMapCB: expect { or n');
  const src = value as Record<string, unknown>;
  let clean = true;
  for (const name in src) {
    const v = src[name];
    if (typeof v !== 'string') throw bad(`PushRequest.Streams: Stream: ReadString: expects " or n, but found ${JSON.stringify(v)}`);
    if (v === '' || !isValidLabelName(name)) clean = false;
  }
  if (clean) return src as Labels;
  const out: Record<string, string> = {};
  for (const name in src) {
    const v = src[name] as string;
    if (!isValidLabelName(name)) parseLabelString(formatLabels(src as Labels)); // throws Loki's parser error
    if (v !== '') out[name] = v;
  }
  return out;
}

function toMetadata(value: unknown): Labels | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('error reading structured metadata: expect { or n');
  let any = false;
  for (const name in value as Record<string, unknown>) {
    if (typeof (value as Record<string, unknown>)[name] !== 'string') {
      throw bad(`error reading structured metadata: invalid value type for key ${JSON.stringify(name)}: expected string`);
    }
    any = true;
  }
  return any ? (value as Labels) : undefined;
}

/**
 * Decodes the legacy `/api/prom/push` JSON body:
 * `{"streams":[{"labels":"{app=\"x\"}","entries":[{"ts":"<RFC3339Nano>","line":"…"}]}]}`.
 */
export function decodeLegacyJsonPush(body: Buffer): PushStream[] {
  const streams = readStreamsArray(body);
  const out: PushStream[] = [];
  for (const s of streams) {
    if (s === null || typeof s !== 'object') continue;
    const labelText = (s as { labels?: unknown }).labels;
    if (typeof labelText !== 'string') throw bad('PushRequest.Streams: Labels: ReadString: expects " or n');
    const labels = parseLabelString(labelText);
    const rawEntries = (s as { entries?: unknown }).entries;
    const entries: LogEntry[] = [];
    if (Array.isArray(rawEntries)) {
      for (const e of rawEntries as unknown[]) {
        if (e === null || typeof e !== 'object') continue;
        const ts = (e as { ts?: unknown }).ts;
        const line = (e as { line?: unknown }).line;
        if (typeof ts !== 'string') throw bad('Entries: Timestamp: ReadString: expects " or n');
        const tsNs = parseRfc3339Ns(ts);
        if (tsNs === undefined) throw bad(`parsing time ${JSON.stringify(ts)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(ts)} as RFC3339`);
        entries.push({ tsNs, line: typeof line === 'string' ? line : '' });
      }
    }
    out.push({ labels, entries });
  }
  return out;
}
