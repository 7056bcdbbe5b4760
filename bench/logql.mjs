// bench:logql — LogQL on one core: parser throughput (bench/logql-parser.mjs)
// and pipeline throughput (bench/logql-pipeline.mjs, when present). Each part
// also runs alone. Exits 1 when a target is missed. Needs `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printResults, runParserBench } from './logql-parser.mjs';

let ok = printResults('LogQL parser (one core)', await runParserBench());

const pipelinePath = fileURLToPath(new URL('./logql-pipeline.mjs', import.meta.url));
if (existsSync(pipelinePath)) {
  const pipeline = await import('./logql-pipeline.mjs');
  const results = await pipeline.runPipelineBench();
  ok = printResults(
    'LogQL pipeline (one core)',
    results.map((r) => ({ name: r.name, perSec: r.linesPerSec, unit: 'lines/s', target: r.target })),
  ) && ok;
}

process.exit(ok ? 0 : 1);
