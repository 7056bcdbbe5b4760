import type { TableImpl } from '../table.js';
import { dockerContainerPortsTable } from './docker-container-ports.js';
import { dockerContainersTable } from './docker-containers.js';

export const dockerTables: readonly TableImpl[] = [dockerContainersTable, dockerContainerPortsTable];
