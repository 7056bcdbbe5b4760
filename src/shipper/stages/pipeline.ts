/**
 * A pipeline: stages run in order over each entry, in the synchronous
 * push style of the stage contract (types.ts). A stage may output zero, one
 * or several entries; each goes on through the stages after it.
 */
import type { PipelineEntry, Stage } from './types.js';

/**
 * What the runtime drives. `process` and `flush` push finished entries onto
 * `out`; `heldMinSeq` is the oldest `source.seq` still held inside a stage
 * (multiline, cri partials, a blocking limit), so positions never pass it.
 */
export interface Pipeline {
  process(entry: PipelineEntry, out: PipelineEntry[]): void;
  /** Releases held entries that are due (every 100 ms), or all of them when `force`. */
  flush(nowMs: number, out: PipelineEntry[], force: boolean): void;
  heldMinSeq(): number | undefined;
  /** How many entries stages hold; the runtime pauses reading while it grows (limit's back-pressure). */
  heldCount(): number;
  /** Unregisters the pipeline's metrics (promtail resets them on reload). */
  close(): void;
}

export interface PipelineOptions {
  /**
   * Copy the entry's labels into `extracted` on the way in, as every promtail
   * pipeline (also nested ones: match, docker, cri) does.
   */
  readonly initExtracted: boolean;
  readonly onClose?: readonly (() => void)[];
}

/** A stage that holds entries reports how many (multiline, cri, limit). */
export interface HoldingStage extends Stage {
  heldCount?(): number;
}

export function createPipeline(stages: readonly HoldingStage[], options: PipelineOptions): Pipeline & Stage {
  const n = stages.length;
  const scratch: PipelineEntry[][] = stages.map(() => []);

  function run(from: number, entry: PipelineEntry, out: PipelineEntry[]): void {
    let current = entry;
    for (let i = from; i < n; i++) {
      const buffer = scratch[i] as PipelineEntry[];
      const start = buffer.length;
      (stages[i] as Stage).process(current, buffer);
      // The common case, one entry out: go on without recursion (pop() is cheaper than setting length).
      if (buffer.length === start + 1) {
        current = buffer.pop() as PipelineEntry;
        continue;
      }
      for (let k = start; k < buffer.length; k++) run(i + 1, buffer[k] as PipelineEntry, out);
      buffer.length = start;
      return;
    }
    out.push(current);
  }

  return {
    process(entry, out) {
      if (options.initExtracted) {
        const labels = entry.labels;
        const extracted = entry.extracted;
        for (const name in labels) extracted[name] = labels[name];
      }
      run(0, entry, out);
    },
    flush(nowMs, out, force) {
      for (let i = 0; i < n; i++) {
        const stage = stages[i] as Stage;
        if (stage.flush === undefined) continue;
        const buffer = scratch[i] as PipelineEntry[];
        const start = buffer.length;
        stage.flush(nowMs, buffer, force);
        for (let k = start; k < buffer.length; k++) run(i + 1, buffer[k] as PipelineEntry, out);
        buffer.length = start;
      }
    },
    heldMinSeq() {
      let min: number | undefined;
      for (const stage of stages) {
        const seq = stage.heldMinSeq?.();
        if (seq !== undefined && (min === undefined || seq < min)) min = seq;
      }
      return min;
    },
    heldCount() {
      let count = 0;
      for (const stage of stages) count += stage.heldCount?.() ?? 0;
      return count;
    },
    close() {
      for (const hook of options.onClose ?? []) hook();
    },
  };
}
