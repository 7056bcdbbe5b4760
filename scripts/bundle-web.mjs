// Bundles the browser UI (src/web) with esbuild into `outdir`: app.js + app.css
// (CodeMirror and uPlot included, no CDN) and the HTML shell. Used by the build,
// the UI tests and bench:ui, so the three bundle the same way.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes the UI bundle into `outdir` and returns `outdir`. */
export async function bundleWeb(outdir) {
  await build({
    entryPoints: { app: join(repoRoot, 'src/web/main.ts') },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  copyFileSync(join(repoRoot, 'src/web/index.html'), join(outdir, 'index.html'));
  return outdir;
}
