import { splitOsquery } from '../lib/osquery-strings.js';

/** The parsed fields of one authorized_keys line; absent fields read '' in SQL. */
export interface AuthorizedKey {
  readonly algorithm?: string;
  readonly key?: string;
  readonly options?: string;
  readonly comment?: string;
}

/** The key types osquery recognises, in the order it looks for them (no ssh-dss, no certificates). */
export const sshKeyTypes = [
  'ssh-rsa',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ssh-ed25519@openssh.com',
] as const;

const keyRingLabelPrefix = 'zos-key-ring-label=';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function findFrom(line: string, from: number, blank: boolean): number {
  for (let i = from; i < line.length; i++) if (isBlank(line[i]) === blank) return i;
  return -1;
}

/**
 * Parses authorized_keys(5) text as osquery's genSSHkeysForUser: lines are
 * trimmed, blank and `#` lines skipped. The first known key type found in
 * the line (searched in sshKeyTypes order, first occurrence only, and it
 * must be followed by a blank) splits it into options (before it), key and
 * comment (the rest). A line with no known type whose comma-separated
 * options include `zos-key-ring-label=` yields a row with only options.
 */
export function parseAuthorizedKeys(text: string): AuthorizedKey[] {
  const keys: AuthorizedKey[] = [];
  for (const line of splitOsquery(text, '\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const parsed = parseKeyLine(line);
    if (parsed !== undefined) {
      if (parsed !== null) keys.push(parsed);
    } else if (splitOsquery(line, ',').some((o) => o.startsWith(keyRingLabelPrefix))) {
      keys.push({ options: line });
    }
  }
  return keys;
}

/** undefined: no key type in the line; null: a key type but nothing after it. */
function parseKeyLine(line: string): AuthorizedKey | null | undefined {
  for (const type of sshKeyTypes) {
    const at = line.indexOf(type);
    if (at < 0 || !isBlank(line[at + type.length])) continue;
    const key: { -readonly [K in keyof AuthorizedKey]: AuthorizedKey[K] } = { algorithm: type };
    if (at > 0) key.options = line.slice(0, at).replace(/[ \t]+$/, '');
    const keyStart = findFrom(line, at + type.length, false);
    if (keyStart < 0) return null;
    const keyEnd = findFrom(line, keyStart, true);
    if (keyEnd < 0) {
      key.key = line.slice(keyStart);
    } else {
      const commentStart = findFrom(line, keyEnd, false);
      key.key = line.slice(keyStart, keyEnd);
      key.comment = commentStart < 0 ? '' : line.slice(commentStart);
    }
    return key;
  }
  return undefined;
}
