/**
 * Parsers for /etc/passwd and /etc/group with glibc's fgetpwent/fgetgrent
 * rules: blank lines and lines starting with '#' are skipped, as are lines
 * whose numeric id is missing or not a number; missing trailing text fields
 * read as ''; the last field (shell, member list) takes the rest of the line.
 * NIS compat entries ('+'/'-' names) and entries without a name are skipped.
 */

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** The GECOS field, unparsed. */
  readonly gecos: string;
  readonly dir: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

export function parsePasswd(content: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const fields of splitEntries(content)) {
    const uid = parseId(fields[2]);
    const gid = parseId(fields[3]);
    if (uid === undefined || gid === undefined) continue;
    entries.push({
      name: fields[0] ?? '',
      uid,
      gid,
      gecos: fields[4] ?? '',
      dir: fields[5] ?? '',
      shell: fields.slice(6).join(':'),
    });
  }
  return entries;
}

export function parseGroup(content: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const fields of splitEntries(content)) {
    const gid = parseId(fields[2]);
    if (gid === undefined) continue;
    const members = fields
      .slice(3)
      .join(':')
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m !== '');
    entries.push({ name: fields[0] ?? '', gid, members });
  }
  return entries;
}

/** An id as uid_t/gid_t holds it (strtoul, then truncated to 32 bits), or undefined when it is not a number. */
export function parseId(field: string | undefined): number | undefined {
  const m = /^\s*([+-]?)(\d+)$/.exec(field ?? '');
  if (!m) return undefined;
  const magnitude = BigInt(m[2] ?? '0');
  return Number(BigInt.asUintN(32, m[1] === '-' ? -magnitude : magnitude));
}

/** The 32-bit two's-complement reading of an unsigned id, as osquery's (int32_t) cast gives for *_signed columns. */
export function toSignedId(id: number): number {
  return id | 0;
}

function* splitEntries(content: string): Iterable<string[]> {
  for (const raw of content.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    const name = fields[0] ?? '';
    if (name === '' || name.startsWith('+') || name.startsWith('-')) continue;
    yield fields;
  }
}
