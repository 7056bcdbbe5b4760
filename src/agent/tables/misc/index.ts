import type { TableImpl } from '../table.js';
import { curlTable } from './curl.js';
import { debPackageFilesTable } from './deb-package-files.js';
import { dnsResolversTable } from './dns-resolvers.js';
import { etcProtocolsTable } from './etc-protocols.js';
import { etcServicesTable } from './etc-services.js';
import { extendedAttributesTable } from './extended-attributes.js';
import { interfaceIpv6Table } from './interface-ipv6.js';
import { kernelKeysTable } from './kernel-keys.js';
import { magicTable } from './magic.js';
import { mdDevicesTable, mdDrivesTable, mdPersonalitiesTable } from './md-tables.js';
import { prometheusMetricsTable } from './prometheus-metrics.js';
import { sharedMemoryTable } from './shared-memory.js';
import { ulimitInfoTable } from './ulimit-info.js';
import { vscodeExtensionsTable } from './vscode-extensions.js';

export { setPrometheusTargetsConfig } from './prometheus-targets.js';

export const miscTables: readonly TableImpl[] = [
  dnsResolversTable,
  etcProtocolsTable,
  etcServicesTable,
  interfaceIpv6Table,
  ulimitInfoTable,
  sharedMemoryTable,
  kernelKeysTable,
  mdDevicesTable,
  mdDrivesTable,
  mdPersonalitiesTable,
  debPackageFilesTable,
  extendedAttributesTable,
  magicTable,
  vscodeExtensionsTable,
  prometheusMetricsTable,
  curlTable,
];
