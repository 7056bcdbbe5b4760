// Compiles src/ to dist/ with tsc (what benchmarks and library users import),
// copies the data files (JSON, YAML, osquery .conf packs) beside the JavaScript, and bundles the CLI. Test
// fixtures (testdata/, which holds symlinked /sys trees) stay out.
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleWeb } from './bundle-web.mjs';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

function copyData(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'testdata') continue;
    const stat = lstatSync(path);
    if (stat.isDirectory()) copyData(path);
    else if (/\.(json|ya?ml|conf)$/.test(name) && !name.endsWith('.test.json')) cpSync(path, join('dist', path.slice('src/'.length)));
  }
}
copyData('src');

// The CLI ships bundled: loading ~280 ES modules one by one costs ~70 ms of a
// one-shot `watchpost sql`. Each command is its own chunk (code splitting on
// main.ts's lazy imports), so `sql` loads neither the server nor its npm
// packages. The pure-JS npm packages are bundled too (yaml and prom-client
// alone are ~120 modules to load one by one); wa-sqlite (WebAssembly beside
// itself), snappy (native) and ws's optional native helpers stay external.
// Chunks sit beside dist/watchpost.mjs, as do the data files they locate
// through import.meta.url.
await build({
  // The LogQL scan worker is an entry of its own: ScanPool finds it beside the chunk it is in.
  entryPoints: { watchpost: 'src/cli/main.ts', 'scan-worker': 'src/logql/engine/scan-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['wa-sqlite', 'wa-sqlite/*', 'snappy', 'bufferutil', 'utf-8-validate', 'playwright-core', 'esbuild'],
  // Bundled CommonJS packages (prom-client) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __wpCreateRequire } from 'node:module'; const require = __wpCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
cpSync('src/agent/specs/osquery-tables.json', 'dist/osquery-tables.json');
// The built-in detection rules sit beside the bundle too.
cpSync('src/ruler/detections', 'dist/detections', { recursive: true, filter: (src) => !src.includes('testdata') && !src.endsWith('.ts') });

// The web UI: one browser bundle (app.js + app.css, CodeMirror and uPlot
// included, no CDN) and its HTML shell, served by the server under /ui/assets.
await bundleWeb('dist/web');
