import type { TableImpl } from '../table.js';
import { arpCacheTable } from './arp-cache.js';
import { etcHostsTable } from './etc-hosts.js';
import { interfaceAddressesTable } from './interface-addresses.js';
import { interfaceDetailsTable } from './interface-details.js';
import { listeningPortsTable } from './listening-ports.js';
import { processOpenSocketsTable } from './process-open-sockets.js';
import { routesTable } from './routes.js';

export const networkTables: readonly TableImpl[] = [
  processOpenSocketsTable,
  listeningPortsTable,
  interfaceAddressesTable,
  interfaceDetailsTable,
  routesTable,
  arpCacheTable,
  etcHostsTable,
];
