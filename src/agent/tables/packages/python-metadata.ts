import { splitOsquery } from '../lib/osquery-strings.js';

/** The python_packages columns read from a METADATA or PKG-INFO file. */
export interface PythonMetadata {
  name?: string;
  version?: string;
  summary?: string;
  author?: string;
  license?: string;
}

const columnsByField: ReadonlyMap<string, keyof PythonMetadata> = new Map<string, keyof PythonMetadata>([
  ['Name', 'name'],
  ['Version', 'version'],
  ['Summary', 'summary'],
  ['Author', 'author'],
  ['License', 'license'],
]);

/**
 * Reads core-metadata fields the way osquery's genPackage does, not the way
 * the email-header format would: every line of the file (the description
 * body too) is split on ':' and kept only when exactly two non-empty pieces
 * result, so a value that contains a colon (`Summary: a: b`, URLs) is
 * skipped; a later line overwrites an earlier one; reading stops at the
 * first `License` line. Field names are case-sensitive.
 */
export function parsePythonMetadata(content: string): PythonMetadata {
  const metadata: PythonMetadata = {};
  for (const line of splitOsquery(content, '\n')) {
    const pieces = splitOsquery(line, ':');
    if (pieces.length !== 2) continue;
    const column = columnsByField.get(pieces[0] ?? '');
    if (!column) continue;
    metadata[column] = pieces[1] ?? '';
    if (column === 'license') break;
  }
  return metadata;
}
