import { splitOsquery } from '../lib/osquery-strings.js';

/** The apt_sources columns that come from a cached Release/InRelease file. */
export interface AptReleaseFields {
  release?: string;
  version?: string;
  maintainer?: string;
  components?: string;
  architectures?: string;
}

const columnsByField: ReadonlyMap<string, keyof AptReleaseFields> = new Map<string, keyof AptReleaseFields>([
  ['Codename', 'release'],
  ['Version', 'version'],
  ['Origin', 'maintainer'],
  ['Components', 'components'],
  ['Architectures', 'architectures'],
]);

/**
 * The header fields of a Release or InRelease file, read as osquery does:
 * trimmed lines up to the PGP signature block, each split on ':' with empty pieces
 * dropped, kept only when exactly two pieces remain (so a value containing a
 * colon is ignored). Field names are case-sensitive.
 */
export function parseAptRelease(content: string): AptReleaseFields {
  const fields: AptReleaseFields = {};
  for (const header of splitOsquery(content, '\n')) {
    if (header === '') continue;
    if (header === '-----BEGIN PGP SIGNATURE-----') break;
    const pieces = splitOsquery(header, ':');
    if (pieces.length !== 2) continue;
    const column = columnsByField.get(pieces[0] ?? '');
    if (column) fields[column] = pieces[1] ?? '';
  }
  return fields;
}
