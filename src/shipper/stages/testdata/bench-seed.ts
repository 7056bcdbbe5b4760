// Micro-benchmark of the seed pipeline on one core: node --import tsx src/shipper/stages/testdata/bench-seed.ts [none]
import { copyLabels } from '../../sources/copy-labels.js';
import { buildPipeline } from '../index.js';
import type { PipelineEntry } from '../types.js';
import { createTestContext, readOsqueryResultLines, readSeedPipelineStages } from './stage-test-kit.js';
const stages = readSeedPipelineStages();
const lines = readOsqueryResultLines();
const ctx = createTestContext();
const p = buildPipeline(process.argv[2] === 'none' ? [] : stages, ctx);
const N = 500000;
// Labels copied from the target's as the file tailer does (the labels stage then adds one).
const targetLabels = { job: 'osquery_results', filename: '/var/log/osquery/osqueryd.results.log' };
const out: PipelineEntry[] = [];
for (let round = 0; round < 3; round++) {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    out.length = 0;
    p.process({ line: lines[i & 3]!, labels: copyLabels(targetLabels), extracted: {}, tsNs: 0n, source: { seq: i } }, out);
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`${Math.round(N / s)} lines/s wall, ${Math.round(N / cpuS)} lines/s of CPU time`);
}
