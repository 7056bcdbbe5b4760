import type { QueryContext, Row, TableImpl } from '../table.js';
import { convertWebkitTime } from './chrome-manifest.js';
import { listChromeProfiles, type ChromeExtension, type ChromeProfile } from './chrome-profiles.js';
import { contextUsersOf } from './context-users.js';
import { createHostView } from './host-view.js';

/**
 * chrome_extensions: the extensions of every Chromium-based browser profile
 * (Chrome, Chromium, Brave, Opera, Vivaldi, Yandex) in the homes of the
 * calling user or of each `uid = N`, as osquery's genChromeExtensions.
 * permissions_json / optional_permissions_json are boost's JSON rendering
 * (`{"":"tabs","":"storage"}`, `{}` when absent); identifier is computed
 * from the manifest key; install_timestamp converts the WebKit install_time
 * (0 when unknown).
 */
export function* genChromeExtensions(ctx: QueryContext): Iterable<Row> {
  const view = createHostView(ctx);
  for (const user of contextUsersOf(ctx, view)) {
    ctx.checkDeadline();
    for (const profile of listChromeProfiles(view, user, (m) => ctx.warn(m))) {
      for (const extension of profile.extensions) yield toRow(ctx, profile, extension);
    }
  }
}

function toRow(ctx: QueryContext, profile: ChromeProfile, extension: ChromeExtension): Row {
  const property = (name: string, required = false, fallback = ''): string => {
    const value = extension.manifest.properties.get(name);
    if (value === undefined && required) ctx.warn(`The following extension is missing the '${name}' property: ${extension.path}`);
    return value ?? fallback;
  };
  const setting = (name: string): string => extension.settings.get(name) ?? '';
  return {
    browser_type: profile.browserType,
    uid: profile.uid,
    profile: profile.name,
    profile_path: profile.path,
    name: property('name', true),
    version: property('version', true),
    author: property('author'),
    manifest_json: extension.manifest.manifestJson,
    update_url: property('update_url'),
    default_locale: property('default_locale'),
    current_locale: property('current_locale'),
    permissions: property('permissions'),
    permissions_json: property('permissions_json', false, '{}'),
    optional_permissions: property('optional_permissions'),
    optional_permissions_json: property('optional_permissions_json', false, '{}'),
    persistent: property('persistent').toLowerCase() === 'true' ? 1 : 0,
    description: property('description'),
    path: extension.path,
    manifest_hash: extension.manifest.manifestHash,
    referenced: extension.referenced ? 1 : 0,
    state: setting('state'),
    from_webstore: setting('from_webstore'),
    install_time: setting('install_time'),
    install_timestamp: convertWebkitTime(setting('install_time')),
    referenced_identifier: setting('referenced_identifier'),
    identifier: extension.manifest.identifier ?? '',
  };
}

export const chromeExtensionsTable: TableImpl = {
  name: 'chrome_extensions',
  generate: genChromeExtensions,
  reads: ['~/.config/{google-chrome*,chromium,BraveSoftware/Brave-Browser,opera,vivaldi,yandex-browser-beta}/<profile>/{Preferences,Secure Preferences,Extensions/*/*/manifest.json}'],
};
