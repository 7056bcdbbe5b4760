/** One line of /proc/mounts (or any fstab-format file), fields decoded. */
export interface MountEntry {
  readonly device: string;
  readonly path: string;
  readonly type: string;
  /** The mount options, comma-separated as in the file. */
  readonly flags: string;
}

const escapes: Readonly<Record<string, string>> = { '040': ' ', '011': '\t', '012': '\n', '134': '\\', '\\': '\\' };

/**
 * Parses /proc/mounts as glibc's getmntent does: fields are separated by runs
 * of spaces or tabs; blank lines and '#' comments are skipped; missing fields
 * read as ''; the octal escapes the kernel writes for space, tab, newline and
 * backslash (\040, \011, \012, \134, and \\) are decoded.
 */
export function parseProcMounts(content: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const raw of content.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/[ \t]+/).map(decodeMountField);
    entries.push({ device: fields[0] ?? '', path: fields[1] ?? '', type: fields[2] ?? '', flags: fields[3] ?? '' });
  }
  return entries;
}

function decodeMountField(field: string): string {
  return field.replace(/\\(040|011|012|134|\\)/g, (_, code: string) => escapes[code] ?? '');
}
