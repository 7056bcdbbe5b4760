import { formatLabels, WatchpostError, type Labels } from '../../core/index.js';
import { parseGoDuration } from '../../core/go/index.js';
import { getLokiData, type LokiClientOptions } from '../logcli/loki-client.js';
import { printStreams, type ApiStream, type OutputMode, type PrintOptions } from '../logcli/print-streams.js';
import { tailStream } from '../logcli/tail-stream.js';
import { parseCommandArgs } from '../parse-command-args.js';

const usage = `usage: watchpost logs <command> [flags] [args]

A logcli-compatible client for any Loki-compatible API (Watchpost or Loki).

commands:
  query '<logql>'          range query (log lines, or a matrix for metric queries)
  instant-query '<logql>'  instant metric query
  labels [name]            label names, or the values of one label
  series '<selector>'      series matching a selector

flags:
  --addr URL            server address (env LOKI_ADDR, default http://localhost:3100)
  --org-id ID           tenant sent as X-Scope-OrgID (env LOKI_ORG_ID)
  --username, --password, --bearer-token   credentials (env LOKI_USERNAME, LOKI_PASSWORD, LOKI_BEARER_TOKEN)
  --since DUR           look back this long (default 1h)
  --from, --to TIME     RFC3339 range bounds (override --since)
  --limit N             entries to return (default 30)
  --batch N             entries per request when paging (default 1000)
  --forward             oldest first
  -t, --tail            follow new lines over the tail websocket
  -o, --output MODE     default | raw | jsonl
  -z, --timezone ZONE   Local or UTC
  --no-labels           print lines without labels
  -q, --quiet           no diagnostics on stderr
  --step DUR, --interval DUR, --now TIME
`;

const options = {
  addr: { type: 'string' },
  'org-id': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'bearer-token': { type: 'string' },
  since: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  now: { type: 'string' },
  limit: { type: 'string' },
  batch: { type: 'string' },
  step: { type: 'string' },
  interval: { type: 'string' },
  forward: { type: 'boolean' },
  tail: { type: 'boolean', short: 't' },
  output: { type: 'string', short: 'o' },
  timezone: { type: 'string', short: 'z' },
  'no-labels': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags>['values'];

function parseFlags(argv: string[]) {
  return parseCommandArgs({ args: argv, options, allowPositionals: true, strict: true }, usage);
}

function parseTimeNs(text: string, flag: string): bigint {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms)) throw new WatchpostError('ERR_CLI_USAGE', `--${flag}: cannot parse "${text}" as RFC3339`);
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  const extraNs = fraction.length > 3 ? BigInt(fraction.slice(3, 9).padEnd(6, '0')) : 0n;
  return BigInt(ms) * 1_000_000n + extraNs;
}

function parseDurationNs(text: string, flag: string): bigint {
  const parsed = parseGoDuration(text);
  if (!parsed.ok) throw new WatchpostError('ERR_CLI_USAGE', `--${flag}: ${parsed.error}`);
  return BigInt(Math.round(parsed.value));
}

function parsePositiveInt(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new WatchpostError('ERR_CLI_USAGE', `--${flag}: expected a positive integer, got "${text}"`);
  return value;
}

function clientOptions(flags: Flags): LokiClientOptions {
  return {
    addr: flags.addr ?? process.env.LOKI_ADDR ?? 'http://localhost:3100',
    orgId: flags['org-id'] ?? process.env.LOKI_ORG_ID,
    username: flags.username ?? process.env.LOKI_USERNAME,
    password: flags.password ?? process.env.LOKI_PASSWORD,
    bearerToken: flags['bearer-token'] ?? process.env.LOKI_BEARER_TOKEN,
  };
}

/** Where a logs command writes: results to `out`, diagnostics to `err`. */
export interface LogsIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: LogsIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

function printOptions(flags: Flags, io: LogsIo): PrintOptions {
  const mode = (flags.output ?? 'default') as OutputMode;
  if (!['default', 'raw', 'jsonl'].includes(mode)) throw new WatchpostError('ERR_CLI_USAGE', `--output: expected default, raw or jsonl, got "${mode}"`);
  const zone = (flags.timezone ?? 'Local').toLowerCase();
  if (zone !== 'local' && zone !== 'utc') throw new WatchpostError('ERR_CLI_USAGE', `--timezone: expected Local or UTC, got "${flags.timezone}"`);
  return {
    mode,
    noLabels: flags['no-labels'] ?? false,
    forward: flags.forward ?? false,
    utc: zone === 'utc',
    quiet: flags.quiet ?? false,
    write: (text) => io.out(`${text}\n`),
    note: (text) => io.err(`${text}\n`),
  };
}

/** `watchpost logs`: logcli's query, instant-query, labels and series against a Loki-compatible API. */
export async function runLogsCommand(argv: string[], io: LogsIo = processIo): Promise<number> {
  const { values: flags, positionals } = parseFlags(argv);
  const [command, ...args] = positionals;
  if (flags.help || command === undefined) {
    io.out(usage);
    return command === undefined && !flags.help ? 64 : 0;
  }
  const client = clientOptions(flags);
  const print = printOptions(flags, io);
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const endNs = flags.to ? parseTimeNs(flags.to, 'to') : nowNs;
  const startNs = flags.from ? parseTimeNs(flags.from, 'from') : endNs - parseDurationNs(flags.since ?? '1h', 'since');
  const range = { start: startNs.toString(), end: endNs.toString() };
  switch (command) {
    case 'query':
      return runQuery(client, print, flags, args[0], startNs, endNs, io);
    case 'instant-query': {
      const query = requireArg(args[0], 'instant-query needs a query');
      const time = flags.now ? parseTimeNs(flags.now, 'now') : nowNs;
      const data = await getLokiData<{ resultType: string; result: unknown }>(client, '/loki/api/v1/query', {
        query,
        time: time.toString(),
        limit: String(parsePositiveInt(flags.limit, 30, 'limit')),
        direction: flags.forward ? 'forward' : 'backward',
      });
      if (data.resultType === 'streams') printStreams(data.result as ApiStream[], print);
      else io.out(JSON.stringify(data.result, null, 2));
      return 0;
    }
    case 'labels': {
      const path = args[0] === undefined ? '/loki/api/v1/labels' : `/loki/api/v1/label/${encodeURIComponent(args[0])}/values`;
      const names = await getLokiData<string[] | null>(client, path, range);
      for (const name of names ?? []) print.write(name);
      return 0;
    }
    case 'series': {
      const selector = requireArg(args[0], 'series needs a selector, e.g. {job="sshd"}');
      const url = new URLSearchParams({ ...range });
      url.append('match[]', selector);
      const series = await getLokiData<Labels[] | null>(client, '/loki/api/v1/series', Object.fromEntries(url));
      for (const labels of series ?? []) print.write(formatLabels(labels));
      return 0;
    }
    default:
      throw new WatchpostError('ERR_CLI_USAGE', `unknown logs command "${command}"\n${usage}`);
  }
}

function requireArg(value: string | undefined, message: string): string {
  if (value === undefined || value === '') throw new WatchpostError('ERR_CLI_USAGE', `${message}\n${usage}`);
  return value;
}

async function runQuery(client: LokiClientOptions, print: PrintOptions, flags: Flags, queryArg: string | undefined, startNs: bigint, endNs: bigint, io: LogsIo): Promise<number> {
  const query = requireArg(queryArg, 'query needs a LogQL query');
  const limit = parsePositiveInt(flags.limit, 30, 'limit');
  if (flags.tail) {
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    await tailStream(client, { query, startNs, limit }, print, controller.signal);
    return 0;
  }
  const batch = Math.min(parsePositiveInt(flags.batch, 1000, 'batch'), limit);
  let start = startNs;
  let end = endNs;
  let total = 0;
  let seen = new Set<string>();
  // Pages as logcli does: the next request starts at the last entry's time,
  // and entries already printed at that timestamp are skipped.
  while (total < limit) {
    const data = await getLokiData<{ resultType: string; result: unknown }>(client, '/loki/api/v1/query_range', {
      query,
      start: start.toString(),
      end: end.toString(),
      limit: String(Math.min(batch, limit - total) + seen.size),
      direction: print.forward ? 'forward' : 'backward',
      step: flags.step,
      interval: flags.interval,
    });
    if (data.resultType !== 'streams') {
      io.out(JSON.stringify(data.result, null, 2));
      return 0;
    }
    const streams = (data.result as ApiStream[]).map((s) => ({ ...s, values: s.values.filter(([ts, line]) => !seen.has(`${ts}\u0000${line}`)) }));
    const printed = printStreams(streams, { ...print, quiet: print.quiet || total > 0 });
    if (printed === 0) break;
    total += printed;
    const all = streams.flatMap((s) => s.values).map(([ts, line]) => ({ ts: BigInt(ts), key: `${ts}\u0000${line}` }));
    const edge = all.reduce((acc, e) => (print.forward ? (e.ts > acc ? e.ts : acc) : e.ts < acc ? e.ts : acc), all[0]?.ts ?? 0n);
    seen = new Set(all.filter((e) => e.ts === edge).map((e) => e.key));
    if (printed < Math.min(batch, limit - (total - printed))) break;
    if (print.forward) start = edge;
    else end = edge + 1n;
  }
  return 0;
}
