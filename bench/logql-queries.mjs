#!/usr/bin/env node
// The LogQL evaluator on loki-bench's data and queries, in process (no HTTP,
// no store): an in-memory querier holds data shaped as
// ../shared/bench/loki-bench.mjs generates it (20 streams, osquery JSON and
// sshd syslog lines, random per line, 1 h), and every query of its list runs
// with its parameters (log: limit 1000 backward; range: step 60 s; instant:
// range 65m at the end of the window + 1 step).
// Prints, per query, the median CPU ms of this process over the runs and a
// fingerprint of the encoded answer (compare two revisions for equal results).
//   node --import tsx bench/logql-queries.mjs [--lines N] [--runs N] [--filter RE] [--json FILE]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createEngine, createMemoryQuerier, encodeQueryData } from '../src/logql/index.ts';
import { readBenchArgs } from './lib/bench-args.mjs';

const args = readBenchArgs();
const arg = args.value;
const lines = Number(arg('--lines', '1000000'));
const runs = Number(arg('--runs', '3'));
const filter = new RegExp(arg('--filter', '.'));
const jsonOut = arg('--json', undefined);

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(42);
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const randInt = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const users = ['vagrant', 'root', 'alice', 'bob', 'carol', 'dave'];
const badUsers = ['admin', 'test', 'oracle', 'ubuntu', 'guest', 'postgres'];
const ip = () => `10.${randInt(0, 255)}.${randInt(0, 255)}.${randInt(1, 254)}`;

const streams = [];
for (let i = 0; i < 20; i++) {
  const osq = i < 10;
  const labels = osq
    ? { job: 'osquery', host: `host-${i}`, name: i % 2 ? 'pack_incident-response_logged_in_users' : 'pack_incident-response_last' }
    : { job: 'sshd', host: `host-${i - 10}`, name: 'sshd' };
  streams.push({ labels, osq, weight: 1 + ((i * 7 + 3) % 5), entries: [], counter: 0 });
}
const totalWeight = streams.reduce((n, s) => n + s.weight, 0);

function osqueryLine(s, tsMs) {
  const sec = Math.floor(tsMs / 1000);
  const ev = {
    name: s.labels.name,
    hostIdentifier: s.labels.host,
    calendarTime: new Date(tsMs).toUTCString(),
    unixTime: sec,
    epoch: 0,
    counter: s.counter++,
    numerics: false,
    columns: {
      host: rnd() < 0.5 ? '10.0.2.2' : ip(),
      pid: String(randInt(300, 65000)),
      time: String(sec - randInt(0, 3600)),
      tty: `pts/${randInt(0, 3)}`,
      type: rnd() < 0.6 ? '7' : '8',
      username: pick(users),
    },
    action: rnd() < 0.8 ? 'added' : 'removed',
  };
  return JSON.stringify(ev);
}

function sshdLine(s, tsMs) {
  const head = `${new Date(tsMs).toUTCString().slice(8, 25)} ${s.labels.host} sshd[${randInt(1000, 65000)}]: `;
  const port = randInt(1024, 65535);
  const x = rnd();
  if (x < 0.3) return `${head}Accepted publickey for ${pick(users)} from ${ip()} port ${port} ssh2: RSA SHA256:abcdefghijklmnopqrstuvwxyz0`;
  if (x < 0.4) return `${head}Accepted password for ${pick(users)} from ${ip()} port ${port} ssh2`;
  if (x < 0.65) return `${head}Failed password for invalid user ${pick(badUsers)} from ${ip()} port ${port} ssh2`;
  if (x < 0.75) return `${head}Failed password for root from ${ip()} port ${port} ssh2`;
  if (x < 0.85) return `${head}Disconnected from user ${pick(users)} ${ip()} port ${port}`;
  if (x < 0.95) return `${head}pam_unix(sshd:session): session opened for user ${pick(users)}(uid=1000) by (uid=0)`;
  return `${head}Connection closed by authenticating user root ${ip()} port ${port} [preauth]`;
}

const baseMs = 1_796_313_600_000;
const spanMs = 3_600_000;
const startNs = BigInt(baseMs - spanMs) * 1_000_000n;
for (let g = 0; g < lines; g++) {
  const x = rnd() * totalWeight;
  let i = 0;
  for (let acc = streams[0].weight; acc <= x; acc += streams[++i].weight);
  const s = streams[i];
  const offNs = Math.floor((g * spanMs * 1e6) / lines);
  const tsMs = baseMs - spanMs + Math.floor(offNs / 1e6);
  s.entries.push({ tsNs: startNs + BigInt(offNs), line: s.osq ? osqueryLine(s, tsMs) : sshdLine(s, tsMs) });
}
const querier = createMemoryQuerier({ batchSize: 4096 });
for (const s of streams) querier.push('fake', s.labels, s.entries);
const engine = createEngine(querier);

const R = '65m';
const queries = [
  ['log', '{job="sshd"}'],
  ['log', '{job="osquery", host="host-3"}'],
  ['log', '{job="sshd"} |= "Failed password"'],
  ['log', '{job="sshd"} |~ "Accepted (publickey|password) for (alice|bob)"'],
  ['log', '{job="osquery"} | json | columns_type="7"'],
  ['log', '{job="osquery"} |= "vagrant" | json | columns_username="vagrant" and columns_type="8"'],
  ['range', 'count_over_time({job="osquery"}[1m])'],
  ['range', 'sum by (host) (count_over_time({job="sshd"} |= "Failed password" [5m]))'],
  ['range', 'sum by (job) (rate({job=~"osquery|sshd"}[1m]))'],
  ['range', 'sum by (columns_username) (count_over_time({job="osquery"} | json | columns_type="7" [5m]))'],
  ['instant', `topk(3, sum by (host) (count_over_time({job="sshd"} |= "Failed password" [${R}])))`],
  ['instant', `sum(count_over_time({job=~"osquery|sshd"}[${R}]))`],
  ['instant', `sum by (job, host, name) (count_over_time({job=~"osquery|sshd"}[${R}]))`],
  ['instant', `sum(count_over_time({job="sshd"} |= "Failed password" [${R}]))`],
  ['instant', `sum(count_over_time({job="sshd"} |~ "Accepted (publickey|password) for (alice|bob)" [${R}]))`],
  ['instant', `sum(count_over_time({job="osquery"} | json | columns_type="7" [${R}]))`],
  ['instant', `sum(count_over_time({job="osquery"} |= "vagrant" | json | columns_username="vagrant" and columns_type="8" [${R}]))`],
].filter(([, q]) => filter.test(q));

const stepMs = 60_000;
const endNs = BigInt(baseMs + stepMs) * 1_000_000n;
const rangeStartNs = BigInt(baseMs - spanMs) * 1_000_000n;
const results = [];
console.log(`${lines} lines, ${runs} runs per query (median CPU ms of this process)`);
for (const [kind, query] of queries) {
  const req = {
    tenant: 'fake',
    query,
    startNs: kind === 'instant' ? endNs : rangeStartNs,
    endNs,
    stepMs,
    instant: kind === 'instant',
    limit: 1000,
    direction: 'backward',
  };
  const cpu = [];
  let fingerprint = '';
  for (let r = 0; r < runs; r++) {
    const t0 = process.cpuUsage();
    const result = await engine.query(req);
    const used = process.cpuUsage(t0);
    cpu.push((used.user + used.system) / 1000);
    const { stats: _stats, ...data } = encodeQueryData(result);
    fingerprint = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12);
  }
  cpu.sort((a, b) => a - b);
  const ms = cpu[Math.floor(cpu.length / 2)];
  results.push({ kind, query, cpuMs: Math.round(ms), fingerprint });
  console.log(`${kind.padEnd(7)} ${ms.toFixed(0).padStart(6)} ms  ${fingerprint}  ${query}`);
}
if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
