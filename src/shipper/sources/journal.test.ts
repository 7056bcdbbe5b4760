import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { createLogger } from '../../core/index.js';
import { compileGoRegexp } from '../relabel/go-regexp.js';
import { createShipperMetrics } from '../metrics.js';
import { JournalTarget } from './journal.js';
import { Positions } from './positions.js';
import type { SourceContext } from './types.js';

function setup(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const logged: string[] = [];
  const emitted: Array<{ labels: Record<string, string>; line: string; tsNs: bigint | undefined }> = [];
  let seq = 0;
  const ctx: SourceContext = {
    metrics: createShipperMetrics(new Registry()),
    logger: createLogger({ write: (l) => logged.push(l) }),
    positions: new Positions(join(dir, 'positions.yaml')),
    emit: (_p, labels, line, tsNs) => (emitted.push({ labels, line, tsNs }), ++seq),
    waitWritable: () => Promise.resolve(),
    nowNs: () => 0n,
  };
  return { dir, ctx, logged, emitted };
}

test('JournalTarget maps journal fields to __journal_ labels, MESSAGE to the line, and keeps the cursor', async (t) => {
  const { dir, ctx, emitted } = setup(t);
  const fake = join(dir, 'journalctl');
  const entry = { __CURSOR: 's=1;i=2', __REALTIME_TIMESTAMP: '1700000000123456', _SYSTEMD_UNIT: 'ssh.service', PRIORITY: '6', MESSAGE: 'Accepted publickey' };
  writeFileSync(fake, `#!/bin/sh\n[ "$1" = "--version" ] && exit 0\necho "$@" > ${dir}/args\necho '${JSON.stringify(entry)}'\nsleep 5\n`);
  chmodSync(fake, 0o755);
  const target = new JournalTarget({
    jobName: 'systemd',
    journalctl: fake,
    config: { json: false, maxAgeMs: 3_600_000, path: '', labels: { job: 'systemd-journal' }, matches: ['_SYSTEMD_UNIT=ssh.service'] },
    relabel: [
      { sourceLabels: ['__journal__systemd_unit'], separator: ';', regex: compileGoRegexp('(.*)', { anchored: true }), targetLabel: 'unit', replacement: '$1', modulus: 0, action: 'replace' },
      { sourceLabels: ['__journal_priority_keyword'], separator: ';', regex: compileGoRegexp('(.*)', { anchored: true }), targetLabel: 'level', replacement: '$1', modulus: 0, action: 'replace' },
    ],
    pipeline: { jobName: 'systemd' },
    ctx,
  });
  target.start();
  t.after(() => target.stop());
  const deadline = Date.now() + 10_000;
  while (emitted.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(emitted[0], { labels: { job: 'systemd-journal', unit: 'ssh.service', level: 'info' }, line: 'Accepted publickey', tsNs: 1700000000123456000n });
  assert.match(readFileSync(join(dir, 'args'), 'utf8'), /^-o json --follow --no-pager --all --since=@\d+ _SYSTEMD_UNIT=ssh\.service\n$/);
  target.commit(Number.POSITIVE_INFINITY);
  assert.equal(ctx.positions.get('journal-systemd'), 's=1;i=2');
});

test('JournalTarget says clearly that journalctl is missing and keeps the shipper running', (t) => {
  const { ctx, logged } = setup(t);
  const target = new JournalTarget({
    jobName: 'systemd',
    journalctl: '/nonexistent/journalctl',
    config: { json: false, maxAgeMs: 1000, path: '', labels: {} },
    relabel: [],
    pipeline: { jobName: 'systemd' },
    ctx,
  });
  target.start();
  assert.match(logged.join('\n'), /journalctl was not found; reading the systemd journal needs systemd's journalctl/);
});
