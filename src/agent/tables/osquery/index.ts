import type { TableImpl } from '../table.js';

export const osqueryTables: readonly TableImpl[] = [];
