import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { JournalConfig, RelabelConfig } from '../config/types.js';
import { applyRelabelConfigs } from '../relabel/relabel.js';
import { copyLabels } from './copy-labels.js';
import type { EntryPipeline, Source, SourceContext } from './types.js';

export interface JournalTargetOptions {
  readonly jobName: string;
  readonly config: JournalConfig;
  readonly relabel: readonly RelabelConfig[];
  readonly pipeline: EntryPipeline;
  readonly ctx: SourceContext;
  /** The journalctl binary (tests point it elsewhere). */
  readonly journalctl?: string | undefined;
}

const priorityKeywords = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];

/**
 * promtail's journal target, read through `journalctl -o json --follow`:
 * every field becomes a `__journal_<lowercased name>` label for
 * relabel_configs, the line is MESSAGE (all fields as JSON with `json:
 * true`), the time the journal's realtime stamp. The cursor of the last
 * handed-over entry is kept in the positions as `journal-<job_name>`; on
 * first start the journal is read back `max_age`.
 */
export class JournalTarget implements Source {
  readonly #opts: JournalTargetOptions;
  readonly #checkpoints: Array<{ seq: number; cursor: string }> = [];
  #child: ChildProcess | undefined;
  #stopped = false;

  constructor(options: JournalTargetOptions) {
    this.#opts = options;
  }

  get positionKey(): string {
    return `journal-${this.#opts.jobName}`;
  }

  start(): void {
    const { ctx, config } = this.#opts;
    const bin = this.#opts.journalctl ?? 'journalctl';
    if (spawnSync(bin, ['--version'], { stdio: 'ignore' }).error) {
      ctx.metrics.targetsFailed.inc({ reason: 'error' });
      ctx.logger.error(`journal target ${this.#opts.jobName}: journalctl was not found; reading the systemd journal needs systemd's journalctl on this machine (install systemd, or remove the journal scrape config)`);
      return;
    }
    const args = ['-o', 'json', '--follow', '--no-pager', '--all'];
    const cursor = ctx.positions.get(this.positionKey);
    if (cursor) args.push(`--after-cursor=${cursor}`);
    else args.push(`--since=@${Math.floor((Date.now() - config.maxAgeMs) / 1000)}`);
    if (config.path) args.push(`--directory=${config.path}`);
    args.push(...(config.matches ?? []));
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    child.on('error', (err) => ctx.logger.error('journalctl failed', { error: err.message }));
    child.stderr?.on('data', (d: Buffer) => ctx.logger.warn('journalctl', { stderr: d.toString('utf8').trim() }));
    child.on('exit', (code) => {
      if (!this.#stopped) ctx.logger.error('journalctl exited', { code });
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      this.#handle(line);
      const waiting = ctx.waitWritable();
      lines.pause();
      void waiting.then(() => lines.resume());
    });
  }

  commit(frontier: number): void {
    let best: string | undefined;
    while (this.#checkpoints.length > 0 && (this.#checkpoints[0] as { seq: number }).seq < frontier) best = this.#checkpoints.shift()?.cursor;
    if (best !== undefined) this.#opts.ctx.positions.set(this.positionKey, best);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#child?.kill('SIGTERM');
  }

  #handle(text: string): void {
    const { ctx, config } = this.#opts;
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(text) as Record<string, unknown>;
    } catch {
      ctx.metrics.journalParsingErrors.inc();
      return;
    }
    const labels = copyLabels(config.labels);
    for (const [name, value] of Object.entries(fields)) {
      const v = fieldText(value);
      if (v !== undefined) labels[`__journal_${name.toLowerCase()}`] = v;
    }
    const priority = Number(fieldText(fields.PRIORITY));
    const keyword = priorityKeywords[priority];
    if (keyword) labels.__journal_priority_keyword = keyword;
    const cursor = fieldText(fields.__CURSOR);
    const relabeled = applyRelabelConfigs(labels, this.#opts.relabel);
    if (relabeled !== null) {
      const final: Record<string, string> = {};
      for (const [k, v] of Object.entries(relabeled)) if (!k.startsWith('__')) final[k] = v;
      const realtimeUs = fieldText(fields.__REALTIME_TIMESTAMP);
      const tsNs = realtimeUs && /^\d+$/.test(realtimeUs) ? BigInt(realtimeUs) * 1000n : undefined;
      const line = config.json ? text : (fieldText(fields.MESSAGE) ?? '');
      const seq = ctx.emit(this.#opts.pipeline, final, line, tsNs);
      ctx.metrics.journalLines.inc();
      if (cursor) this.#checkpoints.push({ seq, cursor });
    }
  }
}

/** journalctl's JSON: strings, or byte arrays for binary/non-UTF-8 fields. */
function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('utf8');
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0] as string;
  return undefined;
}
