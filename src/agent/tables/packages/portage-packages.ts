import { readFileSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { splitOsquery } from '../lib/osquery-strings.js';
import { isDirectory, resolvePattern } from './file-pattern.js';
import { createHostView } from './host-view.js';
import { splitPortageAtom } from './portage-atom.js';

const packageDir = '/var/db/pkg';
const worldFile = '/var/lib/portage/world';

/**
 * portage_packages: one row per /var/db/pkg/<category>/<package-version>
 * directory, as osquery's portagePackages. Like osquery it yields nothing
 * unless both /var/db/pkg and the world file /var/lib/portage/world can be
 * read. slot, size, eapi, build_time and repository are the trimmed contents
 * of SLOT, SIZE, EAPI, BUILD_TIME and repository; world is 1 when the
 * package (without version) is listed in the world file.
 */
export function* genPortagePackages(ctx: QueryContext): Iterable<Row> {
  const view = createHostView(ctx);
  if (!isDirectory(view, packageDir)) return;
  const worldContent = readTrimmed(view.resolve(worldFile), false);
  if (worldContent === undefined) return;
  const world = parseWorldFile(worldContent);
  for (const dir of resolvePattern(view, `${packageDir}/*/*`, 'folders')) {
    ctx.checkDeadline();
    const { package: name, version } = splitPortageAtom(dir.slice(packageDir.length + 1));
    const row: Record<string, string | number> = { package: name, version, world: world.has(name) ? 1 : 0 };
    const physical = view.resolve(dir);
    for (const [file, column] of fileColumns) {
      const value = readTrimmed(`${physical}/${file}`, true);
      if (value !== undefined) row[column] = value;
    }
    yield row;
  }
}

const fileColumns = [
  ['SLOT', 'slot'],
  ['SIZE', 'size'],
  ['EAPI', 'eapi'],
  ['BUILD_TIME', 'build_time'],
  ['repository', 'repository'],
] as const;

/** The package names of a world file: first word of each line, comments skipped, versions cut off. */
export function parseWorldFile(content: string): Set<string> {
  const names = new Set<string>();
  for (const line of splitOsquery(content, '\n')) {
    const words = splitOsquery(line);
    const first = words[0];
    if (first === undefined || first.startsWith('#')) continue;
    names.add(splitPortageAtom(first).package);
  }
  return names;
}

function readTrimmed(path: string, trim: boolean): string | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    return trim ? text.trim() : text;
  } catch {
    return undefined;
  }
}

export const portagePackagesTable: TableImpl = {
  name: 'portage_packages',
  generate: genPortagePackages,
  reads: ['/var/db/pkg/*/*/{SLOT,SIZE,EAPI,BUILD_TIME,repository}', '/var/lib/portage/world'],
};
