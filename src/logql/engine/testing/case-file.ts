import type { Labels } from '../../../core/index.js';

/**
 * The promqltest-style engine case format (src/logql/testdata/engine/*.test):
 *
 *   # comment
 *   push {job="a", host="h1"} 10s "a line"            (timestamps are durations from the epoch)
 *   push {job="a"} 1m30s `raw line` {trace_id="x"}    (optional structured metadata)
 *   eval range from 0s to 10m step 1m <logql>
 *     {host="h1"} 1@60 2@120 3@240                    (value@seconds for every point, in result order)
 *   eval instant at 5m <logql>
 *     {host="h1"} 3
 *     scalar 2
 *   eval logs from 0s to 10m limit 100 direction forward interval 30s <logql>
 *     {job="a"}
 *     10s "a line"                                  (entries of the stream above: ts, line)
 *   (any eval)  expect error "exact text, JSON escapes"
 *
 * Expectation lines are indented; an eval with none expects an empty result.
 * Values are compared as Loki prints them (Go float text), so `0.1` ≠ `0.10000000000000002`.
 */
export interface CaseFile {
  readonly pushes: readonly PushLine[];
  readonly evals: readonly EvalCase[];
}

export interface PushLine {
  readonly labels: Labels;
  readonly tsNs: bigint;
  readonly line: string;
  readonly metadata: Labels | undefined;
}

export type EvalCase = {
  readonly lineNo: number;
  readonly query: string;
  readonly expect: readonly string[];
} & (
  | { readonly mode: 'range'; readonly startNs: bigint; readonly endNs: bigint; readonly stepMs: number }
  | { readonly mode: 'instant'; readonly atNs: bigint }
  | {
      readonly mode: 'logs';
      readonly startNs: bigint;
      readonly endNs: bigint;
      readonly limit: number;
      readonly direction: 'forward' | 'backward';
      readonly intervalMs: number;
    }
);

const unitNs: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 604800e9 };

/** `1m30s`, `1.5s`, `250ms`, `0`; a bare number is seconds. */
export function parseCaseDuration(text: string): bigint {
  if (/^-?\d+(\.\d+)?$/.test(text)) return BigInt(Math.round(Number(text) * 1e9));
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  let total = 0n;
  let rest = body;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/.exec(rest);
    if (m === null) throw new Error(`bad duration ${text}`);
    total += BigInt(Math.round(Number(m[1]) * (unitNs[m[2] as string] as number)));
    rest = rest.slice(m[0].length);
  }
  return negative ? -total : total;
}

/** Reads a `{a="b", …}` label set at the start of `text`; returns it and the rest. */
export function readLabels(text: string): [Labels, string] {
  if (!text.startsWith('{')) throw new Error(`expected labels at ${text}`);
  const labels: Record<string, string> = {};
  let rest = text.slice(1).trimStart();
  while (!rest.startsWith('}')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(rest);
    if (m === null) throw new Error(`bad labels at ${rest}`);
    const [value, after] = readString(rest.slice(m[0].length));
    labels[m[1] as string] = value;
    rest = after.trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
  }
  return [labels, rest.slice(1).trimStart()];
}

/** Reads a `"json-escaped"` or `` `raw` `` string at the start of `text`. */
export function readString(text: string): [string, string] {
  if (text.startsWith('`')) {
    const end = text.indexOf('`', 1);
    return [text.slice(1, end), text.slice(end + 1).trimStart()];
  }
  const m = /^"(?:[^"\\]|\\.)*"/.exec(text);
  if (m === null) throw new Error(`expected a string at ${text}`);
  return [JSON.parse(m[0]) as string, text.slice(m[0].length).trimStart()];
}

function splitWord(text: string): [string, string] {
  const m = /^(\S+)\s*/.exec(text);
  if (m === null) throw new Error(`expected a word at ${text}`);
  return [m[1] as string, text.slice(m[0].length)];
}

export function parseCaseFile(text: string): CaseFile {
  const pushes: PushLine[] = [];
  const evals: EvalCase[] = [];
  let current: { expect: string[] } | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^\s/.test(raw)) {
      if (current === undefined) throw new Error(`line ${i + 1}: expectation outside an eval`);
      current.expect.push(line);
      continue;
    }
    current = undefined;
    const [command, rest] = splitWord(line);
    if (command === 'push') {
      const [labels, afterLabels] = readLabels(rest);
      const [ts, afterTs] = splitWord(afterLabels);
      const [entry, afterLine] = readString(afterTs);
      const metadata = afterLine.startsWith('{') ? readLabels(afterLine)[0] : undefined;
      pushes.push({ labels, tsNs: parseCaseDuration(ts), line: entry, metadata });
    } else if (command === 'eval') {
      const evalCase = parseEval(rest, i + 1);
      evals.push(evalCase);
      current = evalCase as unknown as { expect: string[] };
    } else throw new Error(`line ${i + 1}: unknown command ${command}`);
  }
  return { pushes, evals };
}

function parseEval(text: string, lineNo: number): EvalCase {
  const [mode, rest] = splitWord(text);
  const expect: string[] = [];
  if (mode === 'instant') {
    const m = /^at\s+(\S+)\s+(.*)$/.exec(rest);
    if (m === null) throw new Error(`line ${lineNo}: eval instant at <t> <query>`);
    return { mode, lineNo, atNs: parseCaseDuration(m[1] as string), query: m[2] as string, expect };
  }
  if (mode === 'range') {
    const m = /^from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)\s+(.*)$/.exec(rest);
    if (m === null) throw new Error(`line ${lineNo}: eval range from <t> to <t> step <d> <query>`);
    const stepMs = Number(parseCaseDuration(m[3] as string)) / 1e6;
    return { mode, lineNo, startNs: parseCaseDuration(m[1] as string), endNs: parseCaseDuration(m[2] as string), stepMs, query: m[4] as string, expect };
  }
  if (mode === 'logs') {
    const m = /^from\s+(\S+)\s+to\s+(\S+)((?:\s+(?:limit|direction|interval)\s+\S+)*)\s+(.*)$/.exec(rest);
    if (m === null) throw new Error(`line ${lineNo}: eval logs from <t> to <t> [limit n] [direction d] [interval d] <query>`);
    const options = new Map<string, string>();
    const words = (m[3] as string).trim().split(/\s+/).filter((w) => w !== '');
    for (let j = 0; j + 1 < words.length; j += 2) options.set(words[j] as string, words[j + 1] as string);
    return {
      mode,
      lineNo,
      startNs: parseCaseDuration(m[1] as string),
      endNs: parseCaseDuration(m[2] as string),
      limit: Number(options.get('limit') ?? '100'),
      direction: options.get('direction') === 'forward' ? 'forward' : 'backward',
      intervalMs: Number(parseCaseDuration(options.get('interval') ?? '0')) / 1e6,
      query: m[4] as string,
      expect,
    };
  }
  throw new Error(`line ${lineNo}: unknown eval mode ${mode}`);
}
