import type { TableImpl } from '../table.js';

export const hardwareTables: readonly TableImpl[] = [];
