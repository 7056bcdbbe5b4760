import type { TableImpl } from '../table.js';

export const processinfoTables: readonly TableImpl[] = [];
