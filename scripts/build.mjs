// Compiles src/ to dist/ with tsc and copies the data files (JSON) beside the
// JavaScript. Test fixtures (testdata/, which holds symlinked /sys trees) stay out.
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

function copyData(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'testdata') continue;
    const stat = lstatSync(path);
    if (stat.isDirectory()) copyData(path);
    else if (name.endsWith('.json') && !name.endsWith('.test.json')) cpSync(path, join('dist', path.slice('src/'.length)));
  }
}
copyData('src');
