import type { TableImpl } from '../table.js';

export const loginsTables: readonly TableImpl[] = [];
