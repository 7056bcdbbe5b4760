// Runs every *.test.ts under src/ and test/ with node's test runner (tsx
// loader); node 20 cannot discover .ts files itself, so they are listed here.
// Extra arguments are passed on (e.g. a file filter: `npm run test:unit -- src/agent`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = [];
function walk(dir) {
  let names;
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'testdata') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
}
walk('src');
walk('test');
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
selected.sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
