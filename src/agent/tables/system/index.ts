import type { TableImpl } from '../table.js';
import { groupsTable } from './groups.js';
import { kernelInfoTable } from './kernel-info.js';
import { mountsTable } from './mounts.js';
import { osVersionTable } from './os-version.js';
import { osqueryInfoTable } from './osquery-info.js';
import { processesTable } from './processes.js';
import { systemInfoTable } from './system-info.js';
import { timeTable } from './time.js';
import { uptimeTable } from './uptime.js';
import { userGroupsTable } from './user-groups.js';
import { usersTable } from './users.js';

export const systemTables: readonly TableImpl[] = [
  processesTable,
  systemInfoTable,
  osVersionTable,
  uptimeTable,
  usersTable,
  groupsTable,
  userGroupsTable,
  kernelInfoTable,
  mountsTable,
  timeTable,
  osqueryInfoTable,
];
