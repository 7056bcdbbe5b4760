import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressReporter, formatProgressLine } from './progress-reporter.js';

test('formatProgressLine() shows percent, lines, bytes, rate and ETA with a bar', () => {
  const line = formatProgressLine({ lines: 50_000, bytesRead: 5 * 1024 * 1024, bytesTotal: 10 * 1024 * 1024, acked: 40_000 }, 2000, 10);
  assert.equal(line, '[#####.....] 50.0% 50000 lines read, 40000 acknowledged, 5.0 MiB/10.0 MiB, 25000 lines/s, ETA 2s');
});

test('formatProgressLine() leaves the bar out and says ETA ? before any progress', () => {
  assert.equal(formatProgressLine({ lines: 0, bytesRead: 0, bytesTotal: 0, acked: 0 }, 0, 0), '0.0% 0 lines read, 0 acknowledged, 0 B/0 B, 0 lines/s, ETA ?');
});

test('createProgressReporter() redraws in place on a terminal and writes whole lines otherwise', () => {
  for (const isTTY of [true, false]) {
    const out: string[] = [];
    const reporter = createProgressReporter({ progress: () => ({ lines: 1, bytesRead: 1, bytesTotal: 1, acked: 1 }), stream: { isTTY, write: (s: string) => out.push(s) > 0 } });
    reporter.stop();
    assert.equal(out.length, 1);
    if (isTTY) assert.ok(out[0]!.startsWith(`\r${String.fromCharCode(27)}[2K[#`) && out[0]!.endsWith("\n"), out[0]);
    else assert.match(out[0]!, /^100\.0% 1 lines read, 1 acknowledged, .*\n$/);
  }
});
