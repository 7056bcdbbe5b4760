// In-process CPU profiling for benchmarks: profile one async section with the
// V8 inspector, write the .cpuprofile (open it in Chrome DevTools), and list
// where the self time went, by function and by source file.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Runs `fn` under the CPU profiler; writes the profile to `file`; returns fn's result and the profile. */
export async function profileSection(file, fn) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let value;
  try {
    value = await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    value = { value, profile };
  }
  return value;
}

/** Self time per function and per file (ms), biggest first. */
export function summarizeProfile(profile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const dts = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (dts[i] ?? 0));
  }
  const byFunction = new Map();
  const byFile = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const file = callFrame.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/') || `(${callFrame.functionName || 'native'})`;
    const fnKey = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const list = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10, where: k }));
  return { totalMs: Math.round(total / 1000), functions: list(byFunction), files: list(byFile) };
}
