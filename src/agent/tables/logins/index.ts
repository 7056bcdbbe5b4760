import type { TableImpl } from '../table.js';
import { lastTable } from './last.js';
import { loggedInUsersTable } from './logged-in-users.js';

export const loginsTables: readonly TableImpl[] = [lastTable, loggedInUsersTable];
