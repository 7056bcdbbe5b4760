import type { QueryContext, Row, TableImpl } from '../table.js';
import { hostPathExists, isHostDirectory, listHostDirectory, readHostText, type HostContext } from './host-files.js';
import { trimAscii } from '../lib/osquery-strings.js';

const profilesPath = '/sys/kernel/security/apparmor/policy/profiles';

/** One loaded AppArmor profile as osquery reports it. */
export type AppArmorProfile = {
  readonly path: string;
  readonly name: string;
  readonly attach: string;
  readonly mode: string;
  readonly sha1: string;
  readonly sha256: string;
};

/**
 * apparmor_profiles: every directory under
 * /sys/kernel/security/apparmor/policy/profiles and, recursively, under each
 * profile's profiles/ (hats and children), in osquery's order (a stack: the
 * last listed first, children right after their parent). path is the
 * parent's name, '//', then the profile's name. sha256 is read when the
 * kernel offers it (Linux ≥ 6.8), sha1 only otherwise. A profile whose files
 * cannot be read is skipped with a warning; no AppArmor, no rows.
 */
export function* genAppArmorProfiles(ctx: QueryContext): Iterable<Row> {
  if (!hostPathExists(ctx, profilesPath)) return;
  const dirs = listSubdirectories(ctx, profilesPath);
  if (dirs === undefined) {
    ctx.warn('Failed to access AppArmor\'s "profiles" folder');
    return;
  }
  const stack = dirs.map((dir) => ({ parent: '', dir }));
  while (stack.length > 0) {
    ctx.checkDeadline();
    const { parent, dir } = stack.pop() as { parent: string; dir: string };
    if (!isHostDirectory(ctx, dir)) continue;
    const profile = readProfile(ctx, dir, parent);
    if (!profile) {
      ctx.warn(`Failed to open the following AppArmor profile: ${dir}`);
      continue;
    }
    const children = `${dir}/profiles`;
    if (hostPathExists(ctx, children)) {
      const childDirs = listSubdirectories(ctx, children);
      if (childDirs === undefined) {
        ctx.warn(`Failed to list the subprofiles of the following AppArmor profile: ${dir}`);
        continue;
      }
      stack.push(...childDirs.map((child) => ({ parent: profile.name, dir: child })));
    }
    yield { ...profile };
  }
}

/** Reads one profile directory; undefined when attach, mode, name or both hashes cannot be read. */
export function readProfile(ctx: HostContext, dir: string, parent: string): AppArmorProfile | undefined {
  const read = (file: string): string | undefined => {
    const text = readHostText(ctx, `${dir}/${file}`);
    return text === undefined ? undefined : trimAscii(text);
  };
  const attach = read('attach');
  const mode = read('mode');
  const name = read('name');
  if (attach === undefined || mode === undefined || name === undefined) return undefined;
  const sha256 = read('sha256');
  const sha1 = sha256 === undefined ? read('sha1') : '';
  if (sha256 === undefined && sha1 === undefined) return undefined;
  return { path: parent === '' ? name : `${parent}//${name}`, name, attach, mode, sha1: sha1 ?? '', sha256: sha256 ?? '' };
}

/** Subdirectories of a directory (sorted, dot entries skipped), or undefined when it cannot be listed. */
function listSubdirectories(ctx: HostContext, dir: string): string[] | undefined {
  const names = listHostDirectory(ctx, dir);
  if (names === undefined) return undefined;
  return names.filter((n) => !n.startsWith('.')).map((n) => `${dir}/${n}`).filter((p) => isHostDirectory(ctx, p));
}

export const apparmorProfilesTable: TableImpl = {
  name: 'apparmor_profiles',
  generate: genAppArmorProfiles,
  reads: ['/sys/kernel/security/apparmor/policy/profiles/*/{name,mode,attach,sha256,sha1,profiles/}'],
  needsRoot: true,
};
