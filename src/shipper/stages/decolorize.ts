/** promtail's `decolorize` stage: strips ANSI escape sequences (the same pattern as LogQL's `| decolorize`). */
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

// github.com/acarl005/stripansi, as Loki's Decolorizer.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ansiPattern = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:[a-zA-Z\d]*(?:;[a-zA-Z\d]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PRZcf-ntqry=><~]))/g;

export function decolorizeLine(line: string): string {
  return line.includes('\u001B') || line.includes('\u009B') ? line.replace(ansiPattern, '') : line;
}

export function createDecolorizeStage(_config: unknown, _ctx: StageBuildContext): Stage {
  return {
    process(entry, out) {
      entry.line = decolorizeLine(entry.line);
      out.push(entry);
    },
  };
}
