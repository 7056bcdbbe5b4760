import type { TableImpl } from '../table.js';

export const packagesTables: readonly TableImpl[] = [];
