import { parentPort } from 'node:worker_threads';
import { createScanRunner, type ScanJob, type ScanResult } from './scan-job.js';

// The scan pool's worker thread (scan-pool.ts): runs batches of entries
// through sample extractors and posts the samples back (typed arrays moved,
// not copied). A failing job answers with its error; the thread lives on.
const run = createScanRunner();
parentPort?.on('message', (job: ScanJob) => {
  let result: ScanResult;
  try {
    result = run(job);
  } catch (err) {
    const empty = new Float64Array(0);
    result = { id: job.id, series: [], seriesIndex: new Int32Array(0), rel: empty, values: empty, count: 0, error: String(err) };
  }
  parentPort?.postMessage(result, [result.seriesIndex.buffer as ArrayBuffer, result.rel.buffer as ArrayBuffer, result.values.buffer as ArrayBuffer]);
});
