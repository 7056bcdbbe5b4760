import { lstatSync, readFileSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { contextUsersOf } from './context-users.js';
import { compareBytes } from './compare-bytes.js';
import { listDirectories, listDirectoriesRecursive, resolvePattern } from './file-pattern.js';
import { listHostViews, namespaceCells, type HostView } from './host-view.js';
import { parsePythonMetadata } from './python-metadata.js';

/** osquery's kPythonPath (Linux has no others); `%` is a glob wildcard. */
const systemSitePatterns = [
  '/opt/anaconda3/lib/python%/site-packages',
  '/opt/conda/lib/python%/dist-packages',
  '/opt/conda/lib/python%/site-packages',
  '/opt/homebrew/lib/python%/dist-packages',
  '/opt/homebrew/lib/python%/site-packages',
  '/opt/miniconda3/lib/python%/site-packages',
  '/usr/lib/python%/dist-packages',
  '/usr/lib/python%/site-packages',
  '/usr/local/lib/python%/dist-packages',
  '/usr/local/lib/python%/site-packages',
  '/usr/local/lib64/python%/site-packages',
  '/Library/Python/%/site-packages',
].sort(compareBytes);

/** osquery's kUserDirectoryPaths, relative to each user's home, in its (sorted) order. */
const userSiteSuffixes = [
  '.pyenv/versions',
  '.local/lib/python%',
  '.asdf/installs/python',
  '.local/share/uv/tools',
  '.local/share/mise/installs/python',
  '.local/share/pipx/venvs',
  '.local/pipx/venvs',
  '.cache/pypoetry/virtualenvs',
  'miniforge3/lib/python%',
  'miniconda3/lib/python%',
  'anaconda3/lib/python%',
  'mambaforge/lib/python%',
  'miniforge3/envs',
  'miniconda3/envs',
  'anaconda3/envs',
  'mambaforge/envs',
  '.virtualenvs',
  '.local/share/virtualenvs',
].sort(compareBytes);

/**
 * python_packages, as osquery's genPythonPackages on Linux: every
 * `*.dist-info` (METADATA) or `*.egg-info` (PKG-INFO) directory found at any
 * depth below the system site directories (uid 0) and below the calling
 * user's — or each constrained uid's — environment directories (pyenv,
 * virtualenvs, conda, pipx, uv, …). `directory = X` reads only X (recursively)
 * and skips the user directories. `directory` is the site as osquery's glob
 * returns it (directories end in '/'); a package whose metadata file cannot
 * be read still yields a row, with empty metadata and a warning.
 */
export function* genPythonPackages(ctx: QueryContext): Iterable<Row> {
  const directoryFilter = ctx.hasConstraint('directory', '=');
  for (const view of listHostViews(ctx)) {
    const sites = directoryFilter
      ? ctx.equals('directory')
      : systemSitePatterns.flatMap((pattern) => resolvePattern(view, pattern));
    for (const site of [...new Set(sites)].sort(compareBytes)) yield* genSitePackages(ctx, view, site, 0);
    if (directoryFilter) continue;
    for (const user of contextUsersOf(ctx, view)) {
      for (const suffix of userSiteSuffixes) {
        const dir = `${user.directory}/${suffix}/`;
        const versioned = listVersionSites(view, dir);
        const sites = versioned.length > 0 ? versioned : resolvePattern(view, dir);
        for (const site of sites) yield* genSitePackages(ctx, view, site, user.uid);
      }
    }
  }
}

/** osquery's traverseVersions: `<dir>/<version>/lib/python%/site-packages` for each non-symlink subdirectory. */
function listVersionSites(view: HostView, dir: string): string[] {
  return listDirectories(view, dir)
    .filter((version) => !isSymlink(view.resolve(version)))
    .flatMap((version) => resolvePattern(view, `${version}/lib/python%/site-packages`));
}

function* genSitePackages(ctx: QueryContext, view: HostView, site: string, uid: number): Iterable<Row> {
  const directories = listDirectoriesRecursive(view, site, { onDirectory: () => ctx.checkDeadline() });
  for (const path of directories) {
    const metadataFile = path.endsWith('.dist-info') ? 'METADATA' : path.endsWith('.egg-info') ? 'PKG-INFO' : undefined;
    if (metadataFile === undefined) continue;
    const file = `${path}/${metadataFile}`;
    let content: string | undefined;
    try {
      content = readFileSync(view.resolve(file), 'utf8');
    } catch {
      ctx.warn(`Cannot open file for reading: ${file}`);
    }
    yield {
      ...(content === undefined ? {} : parsePythonMetadata(content)),
      directory: site,
      path,
      uid,
      ...namespaceCells(view, false),
    };
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export const pythonPackagesTable: TableImpl = {
  name: 'python_packages',
  generate: genPythonPackages,
  reads: ['/usr/lib/python*/{dist,site}-packages/**/*.{dist,egg}-info', '~/.pyenv, ~/.local/lib/python*, virtualenvs, conda, pipx, uv (per user)'],
};
