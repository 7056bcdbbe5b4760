import type { TableImpl } from '../table.js';
import { iptablesTable } from './iptables.js';
import { processEnvsTable } from './process-envs.js';
import { processMemoryMapTable } from './process-memory-map.js';
import { processNamespacesTable } from './process-namespaces.js';
import { processOpenFilesTable } from './process-open-files.js';
import { processOpenPipesTable } from './process-open-pipes.js';

export const processinfoTables: readonly TableImpl[] = [
  processEnvsTable,
  processMemoryMapTable,
  processOpenFilesTable,
  processOpenPipesTable,
  processNamespacesTable,
  iptablesTable,
];
