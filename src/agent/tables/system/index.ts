import type { TableImpl } from '../table.js';
import { processesTable } from './processes.js';

export const systemTables: readonly TableImpl[] = [processesTable];
