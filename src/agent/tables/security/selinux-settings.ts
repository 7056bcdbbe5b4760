import type { QueryContext, Row, TableImpl } from '../table.js';
import { isHostDirectory, listHostDirectory, readHostText, type HostContext } from './host-files.js';

const rootKeys = ['checkreqprot', 'deny_unknown', 'enforce', 'mls', 'policyvers', 'reject_unknown'];
const scopes = ['booleans', 'policy_capabilities', 'initial_contexts'];

/**
 * selinux_settings, as osquery reads the selinuxfs mount (found in
 * /proc/mounts): the six root keys (a key whose file cannot be read still
 * gives a row, with an empty value), every file under booleans/ (values
 * "0 0" → off, "1 1" → on, anything else skipped with a warning),
 * policy_capabilities/ and initial_contexts/ with raw values, then one row
 * per permission of each class (scope class, key "<class>/perms", value
 * the permission; the index files are skipped). No selinuxfs, no rows.
 */
export function* genSelinuxSettings(ctx: QueryContext): Iterable<Row> {
  const mount = findSelinuxfsMount(readHostText(ctx, '/proc/mounts') ?? '');
  if (mount === undefined) return;
  for (const key of rootKeys) {
    const value = readHostText(ctx, `${mount}//${key}`);
    if (value === undefined) ctx.warn(`Failed to generate SELinux root key: Failed to retrieve SELinux key value: ${mount}//${key}`);
    yield { scope: '', key, value: value ?? '' };
  }
  for (const scope of scopes) {
    for (const path of listFilesRecursive(ctx, `${mount}/${scope}`)) {
      ctx.checkDeadline();
      const key = path.slice(path.lastIndexOf('/') + 1);
      const raw = readHostText(ctx, path);
      const value = raw === undefined ? undefined : scope === 'booleans' ? translateBoolean(raw) : raw;
      if (value === undefined) {
        ctx.warn(`Failed to retrieve SELinux key value: ${path}`);
        continue;
      }
      yield { scope, key, value };
    }
  }
  const classRoot = `${mount}/class`;
  for (const path of listFilesRecursive(ctx, classRoot)) {
    const at = path.lastIndexOf('/');
    const value = path.slice(at + 1);
    if (value === '' || value === 'index') continue;
    yield { scope: 'class', key: path.slice(classRoot.length + 1, at), value };
  }
}

/** The mount point of the first selinuxfs in /proc/mounts text, octal escapes decoded. */
export function findSelinuxfsMount(mounts: string): string | undefined {
  for (const line of mounts.split('\n')) {
    const fields = line.split(' ');
    if (fields[2] === 'selinuxfs' && fields[1]) return fields[1].replace(/\\([0-7]{3})/g, (all, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  }
  return undefined;
}

/** A boolean file's "<current> <pending>" text as osquery shows it: only "0 0" and "1 1" are understood. */
export function translateBoolean(raw: string): string | undefined {
  if (raw === '0 0') return 'off';
  if (raw === '1 1') return 'on';
  return undefined;
}

/** Every non-directory below a directory, depth first in sorted order (dot entries skipped). */
function listFilesRecursive(ctx: HostContext, dir: string): string[] {
  const files: string[] = [];
  for (const name of listHostDirectory(ctx, dir) ?? []) {
    if (name.startsWith('.')) continue;
    const path = `${dir}/${name}`;
    if (isHostDirectory(ctx, path)) files.push(...listFilesRecursive(ctx, path));
    else files.push(path);
  }
  return files;
}

export const selinuxSettingsTable: TableImpl = {
  name: 'selinux_settings',
  generate: genSelinuxSettings,
  reads: ['/proc/mounts (selinuxfs)', '<selinuxfs>/{checkreqprot,deny_unknown,enforce,mls,policyvers,reject_unknown}', '<selinuxfs>/{booleans,policy_capabilities,initial_contexts,class}/'],
};
