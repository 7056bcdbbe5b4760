import { accessSync, constants, readFileSync } from 'node:fs';
import { parseChromeManifest, type ChromeManifest } from './chrome-manifest.js';
import { findExtensionSettings, listReferencedExtensionPaths, readProfileName, type ExtensionSettings } from './chrome-preferences.js';
import type { HomeUser } from './context-users.js';
import { compareBytes } from './compare-bytes.js';
import { canonicalPath, listDirectories } from './file-pattern.js';
import type { HostView } from './host-view.js';

/** Where each Chromium-based browser keeps its profiles, relative to a home (osquery 5.23.1's kLinuxPathList). */
export const chromeBrowserDirs = [
  ['chrome', '.config/google-chrome'],
  ['chrome_beta', '.config/google-chrome-beta'],
  ['chrome_dev', '.config/google-chrome-unstable'],
  ['brave', '.config/BraveSoftware/Brave-Browser'],
  ['chromium', '.config/chromium'],
  ['chromium', 'snap/chromium/common/chromium'],
  ['yandex', '.config/yandex-browser-beta'],
  ['opera', '.config/opera'],
  ['vivaldi', '.config/vivaldi'],
] as const;

export interface ChromeExtension {
  readonly path: string;
  /** Whether the profile's preferences reference the folder. */
  readonly referenced: boolean;
  readonly manifest: ChromeManifest;
  /** referenced_identifier, from_webstore, state, install_time; empty when not referenced. */
  readonly settings: ExtensionSettings;
}

export interface ChromeProfile {
  readonly browserType: string;
  readonly path: string;
  readonly name: string;
  readonly uid: number;
  readonly extensions: readonly ChromeExtension[];
}

/**
 * The profiles of one user, as osquery's getChromeProfiles: a browser
 * directory holding Preferences or Secure Preferences is itself a profile,
 * otherwise each such subdirectory is. A profile needs both files readable
 * and parseable, and a `profile.name` (Opera excepted). Its extensions are
 * the folders <profile>/Extensions/<id>/<version> with a readable
 * manifest.json (unreferenced unless the preferences name them) plus any
 * folder the preferences reference elsewhere. Failures are reported the way
 * osquery logs them.
 */
export function listChromeProfiles(view: HostView, user: HomeUser, warn: (message: string) => void): ChromeProfile[] {
  const profiles: ChromeProfile[] = [];
  for (const [browserType, suffix] of chromeBrowserDirs) {
    const base = canonicalPath(view, `${user.directory}/${suffix}`);
    const candidates = isProfileDir(view, base)
      ? [base]
      : listDirectories(view, base).map((dir) => canonicalPath(view, dir)).filter((dir) => isProfileDir(view, dir));
    for (const path of candidates) {
      const profile = readProfile(view, { browserType, path, uid: user.uid }, warn);
      if (profile) profiles.push(profile);
    }
  }
  return profiles;
}

interface ProfileLocation {
  readonly browserType: string;
  readonly path: string;
  readonly uid: number;
}

function readProfile(view: HostView, location: ProfileLocation, warn: (message: string) => void): ChromeProfile | undefined {
  const { path } = location;
  const preferencesText = readText(view, `${path}/Preferences`);
  const secureText = readText(view, `${path}/Secure Preferences`);
  if (preferencesText === undefined || secureText === undefined) return undefined;
  if (preferencesText === '' && secureText === '') {
    warn(`Failed to read the Preferences file for the following profile snapshot ${path}/Preferences`);
    return undefined;
  }
  const preferences = parseJson(preferencesText);
  const secure = parseJson(secureText);
  if (preferences === undefined || secure === undefined) {
    warn(`Failed to parse the following profile: ${path}`);
    return undefined;
  }
  const canonicalize = (p: string): string => canonicalPath(view, p);
  const unreferenced = new Map<string, Buffer>();
  for (const idDir of listDirectories(view, `${path}/Extensions`)) {
    for (const versionDir of listDirectories(view, idDir)) {
      const folder = canonicalize(versionDir);
      const manifest = readBytes(view, `${folder}/manifest.json`);
      if (manifest) unreferenced.set(folder, manifest);
    }
  }
  const referenced = new Map<string, Buffer>();
  for (const folder of [
    ...listReferencedExtensionPaths(preferences, path, canonicalize),
    ...listReferencedExtensionPaths(secure, path, canonicalize),
  ]) {
    if (referenced.has(folder)) continue;
    const manifest = unreferenced.get(folder) ?? readBytes(view, `${folder}/manifest.json`);
    unreferenced.delete(folder);
    if (manifest) referenced.set(folder, manifest);
  }
  const name = readProfileName(preferences) ?? readProfileName(secure);
  if (name === undefined && location.browserType !== 'opera') {
    warn(`Failed to acquire the name of the following profile: ${path}`);
    return undefined;
  }
  const extensions: ChromeExtension[] = [];
  for (const [folder, raw] of sortedEntries(unreferenced)) {
    const manifest = readManifest(view, folder, raw, warn);
    if (manifest) extensions.push({ path: folder, referenced: false, manifest, settings: new Map() });
  }
  for (const [folder, raw] of sortedEntries(referenced)) {
    const manifest = readManifest(view, folder, raw, warn);
    if (!manifest) continue;
    let settings = findExtensionSettings(preferences, folder, { path, canonicalize });
    if (typeof settings === 'string') settings = findExtensionSettings(secure, folder, { path, canonicalize });
    if (typeof settings === 'string') {
      warn(`Failed to parse the profile settings for the following extension: ${folder}. Error: ${settings}`);
      settings = new Map();
    }
    extensions.push({ path: folder, referenced: true, manifest, settings });
  }
  return { browserType: location.browserType, path, name: name ?? '', uid: location.uid, extensions };
}

function readManifest(view: HostView, folder: string, raw: Buffer, warn: (message: string) => void): ChromeManifest | undefined {
  return parseChromeManifest(raw, {
    path: folder,
    warn,
    readMessages: (locale) => readText(view, `${folder}/_locales/${locale}/messages.json`),
  });
}

function isProfileDir(view: HostView, dir: string): boolean {
  return ['Preferences', 'Secure Preferences'].some((file) => {
    try {
      accessSync(view.resolve(`${dir}/${file}`), constants.R_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

function readText(view: HostView, path: string): string | undefined {
  return readBytes(view, path)?.toString('utf8');
}

function readBytes(view: HostView, path: string): Buffer | undefined {
  try {
    return readFileSync(view.resolve(path));
  } catch {
    return undefined;
  }
}

function sortedEntries(map: ReadonlyMap<string, Buffer>): Array<[string, Buffer]> {
  return [...map.entries()].sort(([a], [b]) => compareBytes(a, b));
}
