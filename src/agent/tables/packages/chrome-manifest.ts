import { createHash } from 'node:crypto';
import { findPtreeChild, listPtreeChildren, readPtreeValue, writePtreeJson } from './ptree-json.js';

/**
 * A Chrome extension's manifest.json as osquery's chrome utils read it
 * (osquery/tables/applications/chrome/utils.cpp): the copied properties,
 * `__MSG_x__` strings localized from _locales/<locale>/messages.json, the
 * manifest re-serialised through boost's JSON writer, the SHA-256 of the raw
 * file and the extension id computed from the manifest's `key`.
 */
export interface ChromeManifest {
  /** name, version, author, update_url, default_locale, current_locale, persistent, description, key, permissions(_json), optional_permissions(_json). */
  readonly properties: ReadonlyMap<string, string>;
  readonly manifestJson: string;
  readonly manifestHash: string;
  /** The id computed from `key`, or undefined when the manifest has no usable key. */
  readonly identifier: string | undefined;
}

export interface ParseManifestOptions {
  /** The text of `_locales/<locale>/messages.json`, or undefined when it cannot be read. */
  readonly readMessages: (locale: string) => string | undefined;
  /** Receives the errors osquery logs for this extension. */
  readonly warn: (message: string) => void;
  /** The extension folder, for messages. */
  readonly path: string;
}

const stringProperties = [
  ['name', 'name'],
  ['update_url', 'update_url'],
  ['version', 'version'],
  ['author', 'author'],
  ['default_locale', 'default_locale'],
  ['current_locale', 'current_locale'],
  ['background.persistent', 'persistent'],
  ['description', 'description'],
  ['key', 'key'],
] as const;

const listProperties = ['permissions', 'optional_permissions'] as const;

const messagePrefix = '__MSG_';

/** Parses a manifest file's bytes; undefined (after a warning) when it is not JSON. */
export function parseChromeManifest(raw: Buffer, options: ParseManifestOptions): ChromeManifest | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    options.warn(`Failed to process the following extension: ${options.path}`);
    return undefined;
  }
  const properties = readManifestProperties(manifest);
  localizeProperties(properties, options);
  const key = properties.get('key');
  const identifier = key === undefined ? undefined : computeExtensionIdentifier(key);
  if (identifier === undefined) {
    options.warn(
      key === undefined
        ? "The 'key' property is missing from the extension manifest"
        : "The 'key' property of the extension manifest could not be properly base64 decoded",
    );
  }
  return {
    properties,
    manifestJson: writePtreeJson(manifest),
    manifestHash: createHash('sha256').update(raw).digest('hex'),
    identifier,
  };
}

/** getExtensionProperties: strings as their ptree text, lists joined with ', ' plus their boost JSON (`…_json`). */
export function readManifestProperties(manifest: unknown): Map<string, string> {
  const properties = new Map<string, string>();
  for (const [path, name] of stringProperties) {
    const node = findPtreeChild(manifest, path);
    if (node !== undefined) properties.set(name, readPtreeValue(node));
  }
  for (const name of listProperties) {
    const node = findPtreeChild(manifest, name);
    if (node === undefined) continue;
    properties.set(name, listPtreeChildren(node).map(([, child]) => readPtreeValue(child)).join(', '));
    properties.set(`${name}_json`, writePtreeJson(node));
  }
  return properties;
}

/**
 * localizeExtensionProperties: when a property starts with `__MSG_`, read the
 * messages of the default_locale (else current_locale, else `en`) and replace
 * each such property by its `<name>.message`; misses keep the original text.
 */
function localizeProperties(properties: Map<string, string>, options: ParseManifestOptions): void {
  if (![...properties.values()].some((v) => v.startsWith(messagePrefix))) return;
  const locale = properties.get('default_locale') ?? properties.get('current_locale') ?? 'en';
  const text = options.readMessages(locale);
  let messages: unknown;
  try {
    messages = text === undefined ? undefined : JSON.parse(text);
  } catch {
    messages = undefined;
  }
  if (messages === undefined) {
    options.warn(`Failed to process the localization settings for the following extension: ${options.path}`);
    return;
  }
  for (const [name, value] of properties) {
    if (!value.startsWith(messagePrefix)) continue;
    const localized = localizeString(messages, value);
    if (localized === undefined) options.warn(`Failed to localize string '${value}' in the following extension: ${options.path}`);
    else properties.set(name, localized);
  }
}

/** getStringLocalization: `__MSG_name__` → messages[name].message (case-insensitive), or undefined. */
export function localizeString(messages: unknown, text: string): string | undefined {
  const length = text.length - messagePrefix.length - 2;
  const name = length < 0 ? text.slice(messagePrefix.length) : text.slice(messagePrefix.length, messagePrefix.length + length);
  const node = findPtreeChild(messages, `${name}.message`);
  return node === undefined ? undefined : readPtreeValue(node);
}

/**
 * Chrome's extension id: the first 128 bits of SHA-256 over the
 * base64-decoded public key, each hex digit mapped to a letter a–p.
 */
export function computeExtensionIdentifier(key: string): string | undefined {
  const decoded = Buffer.from(key, 'base64');
  if (decoded.length === 0) return undefined;
  const hex = createHash('sha256').update(decoded).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(0x61 + parseInt(c, 16))).join('');
}

/** webkitTimeToUnixTimestamp: microseconds since 1601-01-01 → unix seconds; 0 when not an integer or before 1970. */
export function convertWebkitTime(text: string): number {
  if (!/^[+-]?\d+$/.test(text.trim())) return 0;
  const seconds = BigInt(text.trim()) / 1_000_000n - 11_644_473_600n;
  return seconds < 0n ? 0 : Number(seconds);
}
