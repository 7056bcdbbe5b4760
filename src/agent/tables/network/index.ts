import type { TableImpl } from '../table.js';

export const networkTables: readonly TableImpl[] = [];
