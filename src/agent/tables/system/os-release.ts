import { splitOsquery } from '../lib/osquery-strings.js';

/**
 * os_version's file parsers, with osquery's Linux rules (which are looser
 * than os-release(5): no shell unquoting, only a leading '"' is handled).
 */

export interface OsReleaseFields {
  name?: string;
  version?: string;
  build?: string;
  platform?: string;
  platform_like?: string;
  codename?: string;
  major?: string;
  minor?: string;
  patch?: string;
}

const keyColumns: Readonly<Record<string, keyof OsReleaseFields | 'version_id'>> = {
  NAME: 'name',
  VERSION: 'version',
  BUILD_ID: 'build',
  ID: 'platform',
  ID_LIKE: 'platform_like',
  VERSION_CODENAME: 'codename',
  VERSION_ID: 'version_id',
};

/**
 * The os_version columns /etc/os-release sets, split as osquery::split does:
 * a line is cut at every '=', empty pieces dropped, the rest trimmed; the
 * first piece is the key and the others, joined by '=', the value. Any other
 * key containing CODENAME (UBUNTU_CODENAME, …) also sets codename; the last
 * line wins. A value starting with '"' loses its first and last character.
 * VERSION_ID "a.b.c" fills major, minor and patch (patch keeps any further
 * dots), leaving the ones it lacks unset.
 */
export function parseOsRelease(content: string): OsReleaseFields {
  const out: OsReleaseFields = {};
  for (const line of splitOsquery(content, '\n')) {
    const pieces = splitOsquery(line, '=');
    if (pieces.length < 2) continue;
    const key = pieces[0] ?? '';
    const column = keyColumns[key] ?? (key.includes('CODENAME') ? 'codename' : undefined);
    if (column === undefined) continue;
    let value = pieces.slice(1).join('=');
    if (value.startsWith('"')) value = value.slice(1, -1);
    if (column !== 'version_id') {
      out[column] = value;
      continue;
    }
    const parts = splitOsquery(value, '.');
    if (parts.length > 0) out.major = parts[0];
    if (parts.length > 1) out.minor = parts[1];
    if (parts.length > 2) out.patch = parts.slice(2).join('.');
  }
  return out;
}

export interface RedhatRelease {
  /** The file's text, trimmed, whitespace runs collapsed. */
  readonly version: string;
  readonly name?: string;
  readonly major?: string;
  readonly minor?: string;
  /** '0' when the release has no third number. */
  readonly patch?: string;
}

/** /etc/redhat-release (or gentoo-release): "CentOS Linux release 7.9.2009 (Core)" → name, major, minor, patch. */
export function parseRedhatRelease(content: string): RedhatRelease {
  const version = content.trim().replace(/(\s)\s*/g, '$1');
  for (const line of splitOsquery(version, '\n')) {
    const m = /([\w+\s]+) .* ([0-9]+)\.([0-9]+)\.?(\w+)?/.exec(line);
    if (m) return { version, name: m[1], major: m[2], minor: m[3], patch: m[4] || '0' };
  }
  return { version };
}
