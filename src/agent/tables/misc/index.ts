import type { TableImpl } from '../table.js';

export const miscTables: readonly TableImpl[] = [];
