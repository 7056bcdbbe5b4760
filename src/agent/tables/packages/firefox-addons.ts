import { readFileSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { contextUsersOf } from './context-users.js';
import { listDirectories } from './file-pattern.js';
import { createHostView } from './host-view.js';
import { parseFirefoxExtensions } from './firefox-extensions-json.js';

/**
 * Where Firefox keeps profiles, relative to a home: osquery 5.23.1's two
 * Linux paths plus ~/.config/mozilla/firefox, where Firefox 147+ creates new
 * profiles (osquery added it on master after 5.23.1).
 */
const firefoxProfileRoots = ['.mozilla/firefox', 'snap/firefox/common/.mozilla/firefox', '.config/mozilla/firefox'];

/**
 * firefox_addons: the add-ons listed in each profile's extensions.json, for
 * the calling user or each `uid = N`, as osquery's genFirefoxAddons. Every
 * subdirectory of a profile root except `Crash Reports` and `Pending Pings`
 * counts as a profile; one whose extensions.json is missing or malformed
 * contributes nothing (osquery only logs that at verbose level).
 */
export function* genFirefoxAddons(ctx: QueryContext): Iterable<Row> {
  const view = createHostView(ctx);
  for (const user of contextUsersOf(ctx, view)) {
    const profiles = firefoxProfileRoots
      .flatMap((root) => listDirectories(view, `${user.directory}/${root}`))
      .filter((dir) => !dir.endsWith('Crash Reports') && !dir.endsWith('Pending Pings'));
    for (const profile of profiles) {
      ctx.checkDeadline();
      let content: string;
      try {
        content = readFileSync(view.resolve(`${profile}/extensions.json`), 'utf8');
      } catch {
        continue;
      }
      const addons = parseFirefoxExtensions(content);
      if (typeof addons === 'string') continue;
      for (const addon of addons) yield { uid: user.uid, ...addon };
    }
  }
}

export const firefoxAddonsTable: TableImpl = {
  name: 'firefox_addons',
  generate: genFirefoxAddons,
  reads: ['~/.mozilla/firefox/*/extensions.json', '~/snap/firefox/common/.mozilla/firefox/*/extensions.json', '~/.config/mozilla/firefox/*/extensions.json'],
};
