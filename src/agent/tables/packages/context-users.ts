import type { QueryContext } from '../table.js';
import { selectContextUsers } from '../lib/context-users.js';
import type { HostView } from './host-view.js';

/** The two /etc/passwd fields the browser and Python tables need. */
export interface HomeUser {
  readonly uid: number;
  readonly directory: string;
}

/**
 * The users a package user_data table (chrome_extensions, firefox_addons,
 * python_packages) reads in one host view, as lib/context-users.ts selects
 * them: a username constraint also silences the current-user warning, and
 * only the host itself (not a container's view) falls back to NSS.
 */
export function contextUsersOf(ctx: QueryContext, view: HostView): HomeUser[] {
  return selectContextUsers(ctx, {
    passwdPath: view.resolve('/etc/passwd'),
    userColumns: ['username'],
    remoteLookup: ctx.paths.root === '/' && view.pid === 0,
  }).map((u) => ({ uid: u.uid, directory: u.dir }));
}
