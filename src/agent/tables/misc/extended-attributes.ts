import { dirname } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { resolvePathConstraints } from '../files/path-constraints.js';
import { formatAttributeValue, parseGetfattrOutput } from './getfattr-output.js';
import { runTool } from './run-tool.js';

const capabilityName = 'security.capability';

/**
 * The file capabilities as libcap's cap_to_text writes them, through
 * getcap(8), which prints `<path> <text>` (older libcap: `<path> = <text>`).
 * undefined when getcap is missing or fails, as osquery keeps the raw
 * attribute when cap_get_file fails.
 */
function readCapabilities(hostPath: string): string | undefined {
  const run = runTool('getcap', ['--', hostPath]);
  if (run.kind !== 'ran' || run.status !== 0) return undefined;
  const line = run.stdout.split('\n')[0] ?? '';
  if (!line.startsWith(hostPath)) return undefined;
  const text = line.slice(hostPath.length).replace(/^\s+(=\s+)?/, '').trim();
  return text === '' ? undefined : text;
}

/** boost::filesystem parent_path(): '' for a bare name or '/', the path itself minus a trailing '/'. */
export function parentPath(path: string): string {
  if (!path.includes('/') || path === '/') return '';
  if (path.endsWith('/')) return path.replace(/\/+$/, '') || '/';
  return dirname(path);
}

/**
 * The rows of one file, as osquery's generateXattrRowsForPath: the decoded
 * capabilities first (when the file has any), then one row per attribute,
 * the raw security.capability skipped once decoded. An error message (or
 * 'missing' without getfattr) when they cannot be read; no rows when the
 * file does not exist.
 */
export function readXattrRows(path: string, hostPath: string): { rows: Row[] } | { error: string } {
  const run = runTool('getfattr', ['-d', '-m', '-', '--absolute-names', '-e', 'base64', '--', hostPath]);
  if (run.kind === 'missing') return { error: 'missing' };
  if (run.kind === 'failed') return { error: `Failed to list the extended attributes for the following path: ${path}` };
  if (run.status !== 0 && /No such file or directory/.test(run.stderr)) return { rows: [] };
  if (run.status !== 0 && run.stdout === '') return { error: `Failed to open file to read extended attributes at the following path: ${path}` };
  const base = { path, directory: parentPath(path) };
  const attributes = parseGetfattrOutput(run.stdout);
  const rows: Row[] = [];
  const capabilities = attributes.some((a) => a.name === capabilityName) ? readCapabilities(hostPath) : undefined;
  if (capabilities !== undefined) rows.push({ ...base, key: capabilityName, value: capabilities, base64: 0 });
  for (const a of attributes) {
    if (a.name === capabilityName && capabilities !== undefined) continue;
    rows.push({ ...base, key: a.name, ...formatAttributeValue(a.value) });
  }
  return { rows };
}

/**
 * extended_attributes: the attributes of each `path = …` file and of the
 * files each `path LIKE …` pattern matches (osquery's Linux generator uses
 * only `path`). Node has no xattr API, so getfattr(1) (package attr) reads
 * them; without it the table is empty and says so once.
 */
export function* genExtendedAttributes(ctx: QueryContext): Iterable<Row> {
  for (const path of resolvePathConstraints(ctx, { column: 'path', limit: 'all' })) {
    ctx.checkDeadline();
    const result = readXattrRows(path, ctx.hostPath(path));
    if ('rows' in result) {
      yield* result.rows;
    } else if (result.error === 'missing') {
      ctx.warn('extended_attributes needs getfattr (Debian package attr), which is not installed');
      return;
    } else {
      ctx.warn(result.error);
    }
  }
}

export const extendedAttributesTable: TableImpl = {
  name: 'extended_attributes',
  generate: genExtendedAttributes,
  reads: ['getfattr -d -m - -e base64 <path>', 'getcap <path> (files with security.capability)'],
  needsRoot: true,
};
