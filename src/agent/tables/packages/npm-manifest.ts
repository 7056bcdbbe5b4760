/** The npm_packages columns read from a package.json. */
export interface NpmManifest {
  name?: string;
  version?: string;
  description?: string;
  homepage?: string;
  author?: string;
  license?: string;
}

/**
 * Reads a package.json as osquery's genNodePackage: name, version,
 * description and homepage when they are strings ('' when present with
 * another type); author as a string or an object's `name`; license as a
 * string or, for the deprecated `{ type, url }` form, its url. Text that is
 * not a JSON object gives no fields (undefined).
 */
export function parseNpmManifest(content: string): NpmManifest | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const manifest: NpmManifest = {};
  for (const key of ['name', 'version', 'description', 'homepage'] as const) {
    if (Object.hasOwn(doc, key)) manifest[key] = typeof doc[key] === 'string' ? doc[key] : '';
  }
  const author = doc.author;
  if (typeof author === 'string') manifest.author = author;
  else if (isObject(author) && Object.hasOwn(author, 'name')) manifest.author = typeof author.name === 'string' ? author.name : '';
  const license = doc.license;
  if (typeof license === 'string') manifest.license = license;
  else if (isObject(license) && typeof license.url === 'string') manifest.license = license.url;
  return manifest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
