import { lstatSync, readFileSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { compareBytes } from './compare-bytes.js';
import { isDirectory, resolvePattern } from './file-pattern.js';
import { listHostViews, namespaceCells, type HostView } from './host-view.js';
import { parseNpmManifest } from './npm-manifest.js';

/** osquery's kNodeModulesPath for POSIX builds, in its (sorted) order; `%` is a glob wildcard. */
const sitePatterns = [
  '/usr/local/lib',
  '/opt/homebrew/lib',
  '/usr/lib',
  '/home/%/.npm-global/lib',
  '/home/%/.nvm/versions/node/%/lib',
  '/Users/%/.npm-global/lib',
  '/Users/%/.nvm/versions/node/%/lib',
  '/home/%/.asdf/installs/nodejs/%/lib',
  '/Users/%/.asdf/installs/nodejs/%/lib',
  '/home/%/.local/share/fnm/node-versions/%/installation/lib',
  '/Users/%/Library/Application Support/fnm/node-versions/%/installation/lib',
  '/Users/%/.local/share/fnm/node-versions/%/installation/lib',
  '/home/%/.local/share/mise/installs/node/%/lib',
  '/Users/%/.local/share/mise/installs/node/%/lib',
  '/home/%/.volta/tools/image/node/%/lib',
  '/Users/%/.volta/tools/image/node/%/lib',
].sort(compareBytes);

const defaultMaxDepth = 100;

/**
 * npm_packages, as osquery's genNodePackages: the package.json of every
 * `node_modules/<name>` and `node_modules/@<scope>/<name>` under each site
 * (the global prefixes above, or each `directory = X`), then of nested
 * node_modules down to `max_depth` levels (default 100, -1 = unlimited).
 * `directory` is the site as given or as osquery's glob returns it (with a
 * trailing '/'); `depth` is 0 for a site's own packages. A package.json that
 * cannot be read or parsed still yields a row with empty metadata.
 */
export function* genNpmPackages(ctx: QueryContext): Iterable<Row> {
  const maxDepth = readMaxDepth(ctx);
  for (const view of listHostViews(ctx)) {
    const sites = ctx.hasConstraint('directory', '=')
      ? ctx.equals('directory')
      : sitePatterns.flatMap((pattern) => resolvePattern(view, pattern));
    for (const site of [...new Set(sites)].sort(compareBytes)) yield* genSitePackages(ctx, view, site, maxDepth);
  }
}

function* genSitePackages(ctx: QueryContext, view: HostView, site: string, maxDepth: number): Iterable<Row> {
  const pending: Array<[string, number]> = [[site, 0]];
  const visited = new Set<string>();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [dir, depth] = next;
    ctx.checkDeadline();
    if (isVisited(visited, view.resolve(dir))) continue;
    const base = dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
    const manifests = [
      ...resolvePattern(view, `${base}/node_modules/%/package.json`),
      ...resolvePattern(view, `${base}/node_modules/@%/%/package.json`),
    ];
    for (const path of manifests) {
      yield {
        ...readManifest(view, path),
        directory: site,
        path,
        depth,
        max_depth: maxDepth,
        ...namespaceCells(view, true),
      };
      if (maxDepth !== -1 && depth >= maxDepth) continue;
      const packageDir = path.slice(0, path.lastIndexOf('/'));
      if (isDirectory(view, `${packageDir}/node_modules`)) pending.push([packageDir, depth + 1]);
    }
  }
}

/** osquery's isDirVisited: keyed on lstat's (device, inode); an unreadable path counts as new. */
function isVisited(visited: Set<string>, path: string): boolean {
  if (path === '') return true;
  let key: string;
  try {
    const st = lstatSync(path);
    key = `${st.dev}:${st.ino}`;
  } catch {
    return false;
  }
  if (visited.has(key)) return true;
  visited.add(key);
  return false;
}

function readManifest(view: HostView, path: string): Record<string, string> {
  try {
    return { ...parseNpmManifest(readFileSync(view.resolve(path), 'utf8')) };
  } catch {
    return {};
  }
}

/** The first (smallest, as osquery's std::set) `max_depth =` value when it is an integer, else 100. */
function readMaxDepth(ctx: QueryContext): number {
  const values = [...ctx.equals('max_depth')].sort(compareBytes);
  const first = values[0]?.trim();
  return first !== undefined && /^[+-]?\d+$/.test(first) ? Number(first) : defaultMaxDepth;
}

export const npmPackagesTable: TableImpl = {
  name: 'npm_packages',
  generate: genNpmPackages,
  reads: ['/usr/lib/node_modules/**/package.json', '/usr/local/lib/node_modules/**/package.json', '~/.nvm, ~/.npm-global, asdf, fnm, mise, volta prefixes'],
};
