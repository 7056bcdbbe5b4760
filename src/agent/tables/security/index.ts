import type { TableImpl } from '../table.js';

export const securityTables: readonly TableImpl[] = [];
