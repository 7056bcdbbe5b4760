import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import { copyLabels } from './copy-labels.js';
import type { EntryPipeline, Source, SourceContext } from './types.js';

/**
 * promtail's stdin mode: every line of the stream goes through the first
 * scrape config's pipeline with labels `job="stdin"` and `hostname`.
 * Lines read but not yet delivered are lost if the process dies (stdin
 * cannot be re-read).
 */
export class StdinSource implements Source {
  readonly #stream: Readable;
  readonly #pipeline: EntryPipeline;
  readonly #ctx: SourceContext;
  readonly #labels: Readonly<Record<string, string>>;
  #ended: Promise<void> | undefined;

  constructor(options: { stream: Readable; pipeline: EntryPipeline; ctx: SourceContext }) {
    this.#stream = options.stream;
    this.#pipeline = options.pipeline;
    this.#ctx = options.ctx;
    this.#labels = { job: 'stdin', hostname: hostname() };
  }

  start(): void {
    this.#ended ??= this.#read();
  }

  readToEnd(): Promise<void> {
    this.start();
    return this.#ended as Promise<void>;
  }

  commit(): void {}

  async stop(): Promise<void> {
    this.#stream.pause();
  }

  async #read(): Promise<void> {
    let pending = '';
    this.#stream.setEncoding('utf8');
    for await (const chunk of this.#stream) {
      const text = pending + (typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8'));
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.#ctx.emit(this.#pipeline, copyLabels(this.#labels), line);
      await this.#ctx.waitWritable();
    }
    if (pending !== '') this.#ctx.emit(this.#pipeline, copyLabels(this.#labels), pending);
  }
}
