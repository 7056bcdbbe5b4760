import { findPtreeChild, listPtreeChildren, readPtreeValue } from './ptree-json.js';

/**
 * The parts of a Chrome profile's Preferences / Secure Preferences that
 * chrome_extensions reads: `extensions.settings` (Opera: `extensions.opsettings`),
 * whose entries name an extension folder by `path` (absolute, or relative to
 * <profile>/Extensions), and `profile.name`.
 */

/** Maps a path to its canonical form (symlinks resolved), or returns it unchanged. */
export type Canonicalize = (path: string) => string;

/** The profile-relevant settings of one referenced extension. */
export type ExtensionSettings = ReadonlyMap<string, string>;

function findSettingsNode(preferences: unknown): unknown {
  return findPtreeChild(preferences, 'extensions.settings') ?? findPtreeChild(preferences, 'extensions.opsettings');
}

function resolveExtensionPath(entry: unknown, profilePath: string, canonicalize: Canonicalize): string | undefined {
  const pathNode = findPtreeChild(entry, 'path');
  if (pathNode === undefined) return undefined;
  const path = readPtreeValue(pathNode);
  return canonicalize(path.startsWith('/') ? path : `${profilePath}/Extensions/${path}`);
}

/** The canonical folders of the extensions a preferences document references, in document order. */
export function listReferencedExtensionPaths(preferences: unknown, profilePath: string, canonicalize: Canonicalize): string[] {
  return listPtreeChildren(findSettingsNode(preferences)).flatMap(([, entry]) => resolveExtensionPath(entry, profilePath, canonicalize) ?? []);
}

/**
 * getExtensionProfileSettings: the settings entry whose path resolves to the
 * extension folder gives referenced_identifier (its key), from_webstore,
 * state and install_time (as ptree text). Returns an error message when the
 * document has no settings node or no entry for the folder.
 */
export function findExtensionSettings(
  preferences: unknown,
  extensionPath: string,
  profile: { readonly path: string; readonly canonicalize: Canonicalize },
): ExtensionSettings | string {
  const settingsNode = findSettingsNode(preferences);
  if (settingsNode === undefined) return 'Failed to locate the extensions.settings node';
  const match = listPtreeChildren(settingsNode).find(
    ([, entry]) => resolveExtensionPath(entry, profile.path, profile.canonicalize) === extensionPath,
  );
  if (!match) return `Failed to locate the following extension in the preferences: ${extensionPath}`;
  const [identifier, entry] = match;
  const settings = new Map<string, string>([['referenced_identifier', identifier]]);
  for (const name of ['from_webstore', 'state', 'install_time']) {
    const node = findPtreeChild(entry, name);
    if (node !== undefined) settings.set(name, readPtreeValue(node));
  }
  return settings;
}

/** getProfileNameFromPreferences: a non-empty `profile.name`, or undefined. */
export function readProfileName(preferences: unknown): string | undefined {
  const profile = findPtreeChild(preferences, 'profile');
  if (profile === undefined) return undefined;
  const name = findPtreeChild(profile, 'name');
  const text = name === undefined ? '' : readPtreeValue(name);
  return text === '' ? undefined : text;
}
