// bench:sql — `watchpost sql` against baselines measured in the same run.
//  1. SELECT * FROM processes with ~500 processes running, in process,
//     against `ps -eo pid,ppid,user,rss,vsz,args`  (target ratio <= 1.5)
//  2. SELECT * FROM processes WHERE pid = N against the full scan  (target >= 20x faster)
//  3. `watchpost sql --json "select 1"` start-up to result  (target <= 300 ms)
// Prints medians and ratios; exits 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSqlEngine } from '../dist/agent/index.js';

const extraProcesses = Number(process.env.BENCH_PROCESSES ?? 500);
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const bin = fileURLToPath(new URL('../bin/watchpost.js', import.meta.url));

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeAsync(fn) {
  const samples = [];
  await fn(); // warm-up
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

function countProcesses() {
  return spawnSync('sh', ['-c', 'ls -d /proc/[0-9]* | wc -l'], { encoding: 'utf8' }).stdout.trim();
}

const children = [];
for (let i = 0; i < extraProcesses; i++) children.push(spawn('sleep', ['600'], { stdio: 'ignore' }));
await new Promise((r) => setTimeout(r, 500));
const results = [];
try {
  const engine = await createSqlEngine();
  const [full] = await engine.query('SELECT * FROM processes');
  const running = countProcesses();

  const scanMs = await timeAsync(() => engine.query('SELECT * FROM processes'));
  const psMs = await timeAsync(async () => {
    const r = spawnSync('ps', ['-eo', 'pid,ppid,user,rss,vsz,args'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`ps failed: ${r.stderr}`);
  });
  const onePid = String(children[Math.floor(children.length / 2)]?.pid ?? process.pid);
  const pointMs = await timeAsync(() => engine.query(`SELECT * FROM processes WHERE pid = ${onePid}`));
  await engine.close();

  const startupMs = await timeAsync(async () => {
    const r = spawnSync(process.execPath, [bin, 'sql', '--json', 'select 1'], { encoding: 'utf8' });
    if (r.status !== 0 || !r.stdout.includes('"1":"1"')) throw new Error(`watchpost sql failed: ${r.stderr}`);
  });

  results.push(
    { name: `processes full scan (${full?.rows.length} rows, ${running} running) vs ps`, value: `${scanMs.toFixed(1)} ms vs ${psMs.toFixed(1)} ms`, ratio: scanMs / psMs, target: '<= 1.5', ok: scanMs / psMs <= 1.5 },
    { name: 'processes WHERE pid = N vs full scan', value: `${pointMs.toFixed(2)} ms vs ${scanMs.toFixed(1)} ms`, ratio: scanMs / pointMs, target: '>= 20x faster', ok: scanMs / pointMs >= 20 },
    { name: 'watchpost sql --json "select 1" start-up', value: `${startupMs.toFixed(0)} ms`, ratio: startupMs / 300, target: '<= 300 ms', ok: startupMs <= 300 },
  );
} finally {
  for (const c of children) c.kill('SIGKILL');
}

console.log(`bench:sql — medians of ${rounds} rounds after one warm-up (node ${process.version})`);
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'MISS'} ${r.name}: ${r.value}; ratio ${r.ratio.toFixed(2)} (target ${r.target})`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
