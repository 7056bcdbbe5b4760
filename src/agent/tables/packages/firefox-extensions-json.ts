/**
 * A Firefox profile's extensions.json as osquery's firefox_addons reads it
 * (osquery/tables/applications/browser_firefox.cpp): one entry per object in
 * the top-level `addons` array. Scalars convert as osquery's
 * JSON::valueToString does (true → 1, false → 0, null → `null`, numbers as
 * text); object or array values are skipped. `disabled` is 1 when any of
 * softDisable, appDisabled or userDisabled is true.
 */

export type FirefoxAddon = Readonly<Record<string, string | number>>;

/** JSON member (dot path) → firefox_addons column. */
const addonKeys = [
  ['defaultLocale.name', 'name'],
  ['id', 'identifier'],
  ['type', 'type'],
  ['version', 'version'],
  ['defaultLocale.creator', 'creator'],
  ['defaultLocale.description', 'description'],
  ['sourceURI', 'source_url'],
  ['visible', 'visible'],
  ['active', 'active'],
  ['applyBackgroundUpdates', 'autoupdate'],
  ['location', 'location'],
  ['path', 'path'],
] as const;

/** The add-ons of an extensions.json text; an error message when the document is unusable. */
export function parseFirefoxExtensions(content: string): FirefoxAddon[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    return `Failed to parse to JSON the extensions file: ${(err as Error).message}`;
  }
  if (!isObject(doc)) return 'the document root is not an object';
  if (!Object.hasOwn(doc, 'addons')) return "could not find the 'addons' JSON member";
  const addons = doc.addons;
  if (!Array.isArray(addons)) return "unrecognized format for the 'addons' member, it's not an array";
  return addons.filter(isObject).map((addon) => {
    const row: Record<string, string | number> = {};
    for (const [path, column] of addonKeys) {
      const value = convertScalar(findMember(addon, path));
      if (value !== undefined) row[column] = value;
    }
    row.disabled = ['softDisable', 'appDisabled', 'userDisabled'].some((k) => isTrue(addon[k])) ? 1 : 0;
    return row;
  });
}

function findMember(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** JSON::valueToString. */
function convertScalar(value: unknown): string | undefined {
  if (value === true) return '1';
  if (value === false) return '0';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(6);
  return undefined;
}

/** JSON::valueToBool. */
function isTrue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['true', 't'].includes(value.toLowerCase());
  if (typeof value === 'number') return Math.trunc(value) !== 0;
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
