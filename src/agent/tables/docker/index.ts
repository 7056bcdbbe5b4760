import type { TableImpl } from '../table.js';

export const dockerTables: readonly TableImpl[] = [];
