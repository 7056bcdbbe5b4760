import type { TableImpl } from '../table.js';

export const filesTables: readonly TableImpl[] = [];
