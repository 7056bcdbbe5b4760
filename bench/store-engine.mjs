#!/usr/bin/env node
// Micro-benchmark of the storage engine without HTTP: push throughput
// (batch 1000, 4 concurrent pushers, fsync on) and select latencies.
// Run: node --import tsx bench/store-engine.mjs [--lines 1000000] [--codec snappy] [--no-fsync]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/store/index.ts';
import { readBenchArgs } from './lib/bench-args.mjs';

const args = readBenchArgs();
const arg = args.value;
const lines = Number(arg('--lines', '1000000'));
const codec = arg('--codec', 'deflate');
const fsync = !args.has('--no-fsync');
const walPreallocate = !args.has('--no-prealloc');
const dataDir = mkdtempSync(join(tmpdir(), 'wp-store-bench-'));

const streams = [];
for (let i = 0; i < 10; i++) streams.push({ job: 'osquery', host: `host-${i}`, name: i % 2 ? 'pack_b' : 'pack_a' });
for (let i = 0; i < 10; i++) streams.push({ job: 'sshd', host: `host-${i}`, name: 'sshd' });
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
function line(s, g) {
  if (s.job === 'sshd') {
    const x = rnd();
    if (x < 0.35) return `Dec  3 18:00:00 ${s.host} sshd[${1000 + g % 60000}]: Failed password for invalid user admin from 10.0.${g % 255}.${g % 250} port ${1024 + g % 60000} ssh2`;
    return `Dec  3 18:00:00 ${s.host} sshd[${1000 + g % 60000}]: Accepted publickey for alice from 10.0.${g % 255}.${g % 250} port ${1024 + g % 60000} ssh2: RSA SHA256:abcdefghijklmnopqrstuvwxyz0`;
  }
  return JSON.stringify({ name: s.name, hostIdentifier: s.host, calendarTime: 'Thu Dec  3 18:00:00 2026 UTC', unixTime: 1796320000 + g, epoch: 0, counter: g, numerics: false, columns: { host: '10.0.2.2', pid: String(300 + (g % 60000)), time: '1796320000', tty: 'pts/1', type: rnd() < 0.6 ? '7' : '8', username: 'vagrant' }, action: 'added' });
}
// Pre-build batches: each worker owns streams s % 4.
const now = Date.now();
const baseNs = BigInt(now - 3600_000) * 1_000_000n;
const workers = [[], [], [], []];
const pending = [new Map(), new Map(), new Map(), new Map()];
const counts = [0, 0, 0, 0];
for (let g = 0; g < lines; g++) {
  const si = Math.floor(rnd() * streams.length);
  const w = si % 4;
  const m = pending[w];
  let arr = m.get(si);
  if (!arr) m.set(si, (arr = []));
  arr.push({ tsNs: baseNs + BigInt(Math.floor((g * 3600e9) / lines)), line: line(streams[si], g) });
  if (++counts[w] === 1000) {
    workers[w].push([...m.entries()].map(([i, entries]) => ({ labels: streams[i], entries })));
    m.clear();
    counts[w] = 0;
  }
}
for (let w = 0; w < 4; w++) if (counts[w] > 0) workers[w].push([...pending[w].entries()].map(([i, entries]) => ({ labels: streams[i], entries })));

const store = await createStore({ dataDir, chunkCodec: codec, fsync, walPreallocate, limits: { ingestionRateBytes: 1e12, ingestionBurstBytes: 1e12, perStreamRateBytes: 1e12, perStreamBurstBytes: 1e12 } });
const t0 = performance.now();
await Promise.all(workers.map(async (batches) => { for (const b of batches) await store.push('fake', b); }));
const ingestS = (performance.now() - t0) / 1000;
console.log(`ingest: ${lines} lines in ${ingestS.toFixed(2)} s = ${Math.round(lines / ingestS)} lines/s (codec ${codec}, fsync ${fsync}, prealloc ${walPreallocate})`);
const tf = performance.now();
await store.flush();
console.log(`flush: ${(performance.now() - tf).toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

const sel = (matchers) => ({ kind: 'StreamSelector', matchers });
async function run(name, params) {
  const times = [];
  let n = 0;
  for (let r = 0; r < 5; r++) {
    n = 0;
    const t = performance.now();
    for await (const batch of store.selectLogs({ tenant: 'fake', startNs: 0n, endNs: BigInt(Date.now() + 60_000) * 1_000_000n, direction: 'backward', ...params })) n += batch.entries.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(40)} median ${times[2].toFixed(1)} ms  entries ${n}`);
}
await run('all {job=~".+"}', { selector: sel([{ name: 'job', op: '=~', value: '.+' }]) });
await run('{job="sshd"} |= "Failed"', { selector: sel([{ name: 'job', op: '=', value: 'sshd' }]), lineFilter: (l) => l.includes('Failed') });
await run('{job=~".+"} |= "Failed"', { selector: sel([{ name: 'job', op: '=~', value: '.+' }]), lineFilter: (l) => l.includes('Failed') });
await run('{job="sshd"} limit 1000/stream', { selector: sel([{ name: 'job', op: '=', value: 'sshd' }]), limitPerStream: 1000 });
await store.close();
// Cold: reopen and read from disk.
const t2 = performance.now();
const store2 = await createStore({ dataDir, chunkCodec: codec, fsync });
console.log(`reopen: ${(performance.now() - t2).toFixed(0)} ms`);
let n2 = 0;
const t3 = performance.now();
for await (const b of store2.selectLogs({ tenant: 'fake', selector: sel([{ name: 'job', op: '=~', value: '.+' }]), startNs: 0n, endNs: BigInt(Date.now() + 60_000) * 1_000_000n, direction: 'forward' })) n2 += b.entries.length;
console.log(`cold full scan: ${(performance.now() - t3).toFixed(0)} ms, ${n2} entries`);
await store2.close();
rmSync(dataDir, { recursive: true, force: true });
