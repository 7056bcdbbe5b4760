import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { pathExists, readUtf8 } from '../lib/fs-read.js';
import { selectContextUsers } from '../lib/context-users.js';

/** The per-user folders of VS Code and its forks, with the edition each belongs to (osquery's KPathList). */
export const editionFolders: ReadonlyArray<readonly [string, string]> = [
  ['.vscode-server', 'vscode'],
  ['.vscode', 'vscode'],
  ['.vscode-server-insiders', 'vscode_insiders'],
  ['.vscode-insiders', 'vscode_insiders'],
  ['.vscode-oss', 'vscodium'],
  ['.vscodium-server', 'vscodium'],
  ['.vscodium-insiders', 'vscodium_insiders'],
  ['.vscodium-server-insiders', 'vscodium_insiders'],
  ['.cursor', 'cursor'],
  ['.cursor-server', 'cursor'],
  ['.windsurf', 'windsurf'],
  ['.windsurf-server', 'windsurf'],
  ['.devin', 'windsurf'],
  ['.trae', 'trae'],
  ['.trae-server', 'trae'],
];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringField(obj: Json, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The rows of one extensions.json, as osquery's genReadJSONAndAddExtensionRows:
 * an array of entries that each need object-valued identifier, metadata and
 * location; string fields are copied when they are strings, installed_at
 * only when it is an integer, prerelease only when it is a boolean. The
 * messages are what osquery logs (a file that is not a JSON array, an entry
 * without the three objects).
 */
export function parseVscodeExtensions(text: string, base: { uid: number; edition: string; file: string }): { rows: Row[]; warnings: string[] } {
  const rows: Row[] = [];
  const warnings: string[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (!Array.isArray(doc)) return { rows, warnings: [`Could not parse vscode extensions.json from ${base.file}`] };
  for (const ext of doc as unknown[]) {
    if (!isObject(ext) || !('identifier' in ext) || !('metadata' in ext) || !('location' in ext)) {
      warnings.push(`Extension entry missing expected subkeys in ${base.file}`);
      continue;
    }
    const { identifier, metadata, location } = ext;
    if (!isObject(identifier) || !isObject(metadata) || !isObject(location)) {
      warnings.push(`Extension subkeys are not objects in ${base.file}`);
      continue;
    }
    const row: Record<string, string | number | undefined> = {
      uid: base.uid,
      vscode_edition: base.edition,
      name: stringField(identifier, 'id'),
      version: stringField(ext, 'version'),
      path: stringField(location, 'path'),
      uuid: stringField(metadata, 'id'),
      publisher: stringField(metadata, 'publisherDisplayName'),
      publisher_id: stringField(metadata, 'publisherId'),
    };
    const installed = metadata.installedTimestamp;
    if (typeof installed === 'number' && Number.isInteger(installed)) row.installed_at = installed;
    const prerelease = metadata.isPreReleaseVersion;
    if (typeof prerelease === 'boolean') row.prerelease = prerelease ? 1 : 0;
    rows.push(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
  }
  return { rows, warnings };
}

/** boost::filesystem path ordering: component by component. */
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/**
 * vscode_extensions: <home>/<edition folder>/extensions/extensions.json of
 * each context user (see selectContextUsers), visited in osquery's std::set
 * order of (uid text, folder path, edition).
 */
export function* genVscodeExtensions(ctx: QueryContext): Iterable<Row> {
  const dirs = selectContextUsers(ctx)
    .flatMap((u) => editionFolders.map(([folder, edition]) => ({ uid: u.uid, path: join(u.dir, folder), edition })))
    .sort((a, b) => (String(a.uid) < String(b.uid) ? -1 : String(a.uid) > String(b.uid) ? 1 : comparePaths(a.path, b.path) || (a.edition < b.edition ? -1 : a.edition > b.edition ? 1 : 0)));
  const seen = new Set<string>();
  for (const dir of dirs) {
    const key = `${dir.uid}\0${dir.path}\0${dir.edition}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const file = join(dir.path, 'extensions', 'extensions.json');
    const hostFile = ctx.hostPath(file);
    if (!pathExists(hostFile)) continue;
    const text = readUtf8(hostFile);
    if (text === undefined) continue;
    const { rows, warnings } = parseVscodeExtensions(text, { uid: dir.uid, edition: dir.edition, file });
    for (const w of warnings) ctx.warn(w);
    yield* rows;
  }
}

export const vscodeExtensionsTable: TableImpl = {
  name: 'vscode_extensions',
  generate: genVscodeExtensions,
  reads: ['/etc/passwd', '~/.vscode{,-server,-insiders,-oss,…}/extensions/extensions.json (and cursor, windsurf, trae)'],
};
