/** What a backfill has done so far. */
export interface ProgressSnapshot {
  readonly lines: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly acked: number;
}

export interface ProgressReporter {
  stop(): void;
}

/**
 * `--once` progress on stderr: a bar redrawn in place on a terminal (lines,
 * bytes, rate, ETA), plain lines every `plainEveryMs` otherwise.
 */
export function createProgressReporter(options: {
  readonly progress: () => ProgressSnapshot;
  readonly stream: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): boolean };
  readonly plainEveryMs?: number;
}): ProgressReporter {
  const tty = options.stream.isTTY === true;
  const startedMs = Date.now();
  const draw = (final: boolean): void => {
    const line = formatProgressLine(options.progress(), Date.now() - startedMs, tty ? 24 : 0);
    options.stream.write(tty ? `\r\x1b[2K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  const timer = setInterval(() => draw(false), tty ? 200 : (options.plainEveryMs ?? 5000));
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      draw(true);
    },
  };
}

/** One progress line; `barWidth` 0 leaves the bar out. */
export function formatProgressLine(p: ProgressSnapshot, elapsedMs: number, barWidth: number): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const rate = elapsedMs > 0 ? (p.lines * 1000) / elapsedMs : 0;
  const bytesRate = elapsedMs > 0 ? (p.bytesRead * 1000) / elapsedMs : 0;
  const etaS = bytesRate > 0 ? Math.ceil((p.bytesTotal - p.bytesRead) / bytesRate) : undefined;
  const filled = Math.round(fraction * barWidth);
  const bar = barWidth > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ` : '';
  return (
    `${bar}${(fraction * 100).toFixed(1)}% ${p.lines} lines read, ${p.acked} acknowledged, ` +
    `${formatBytes(p.bytesRead)}/${formatBytes(p.bytesTotal)}, ${Math.round(rate)} lines/s, ETA ${etaS === undefined ? '?' : `${etaS}s`}`
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
