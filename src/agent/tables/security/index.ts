import type { TableImpl } from '../table.js';
import { apparmorProfilesTable } from './apparmor-profiles.js';
import { knownHostsTable } from './known-hosts.js';
import { securebootTable } from './secureboot.js';
import { selinuxSettingsTable } from './selinux-settings.js';
import { shadowTable } from './shadow.js';
import { sshConfigsTable } from './ssh-configs.js';
import { startupItemsTable } from './startup-items.js';
import { sudoersTable } from './sudoers.js';
import { systemdUnitsTable } from './systemd-units.js';
import { userSshKeysTable } from './user-ssh-keys.js';
import { yumSourcesTable } from './yum-sources.js';

export const securityTables: readonly TableImpl[] = [
  sudoersTable,
  sshConfigsTable,
  userSshKeysTable,
  knownHostsTable,
  shadowTable,
  systemdUnitsTable,
  startupItemsTable,
  apparmorProfilesTable,
  selinuxSettingsTable,
  yumSourcesTable,
  securebootTable,
];
