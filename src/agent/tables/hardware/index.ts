import type { TableImpl } from '../table.js';
import { acpiTablesTable } from './acpi-tables.js';
import { blockDevicesTable } from './block-devices.js';
import { cpuInfoTable } from './cpu-info.js';
import { cpuTimeTable } from './cpu-time.js';
import { cpuidTable } from './cpuid.js';
import { diskEncryptionTable } from './disk-encryption.js';
import { kernelModulesTable } from './kernel-modules.js';
import { loadAverageTable } from './load-average.js';
import { memoryInfoTable } from './memory-info.js';
import { memoryMapTable } from './memory-map.js';
import { pciDevicesTable } from './pci-devices.js';
import { smbiosTablesTable } from './smbios-tables.js';
import { systemControlsTable } from './system-controls.js';
import { usbDevicesTable } from './usb-devices.js';

export const hardwareTables: readonly TableImpl[] = [
  acpiTablesTable,
  blockDevicesTable,
  cpuInfoTable,
  cpuTimeTable,
  cpuidTable,
  diskEncryptionTable,
  kernelModulesTable,
  loadAverageTable,
  memoryInfoTable,
  memoryMapTable,
  pciDevicesTable,
  smbiosTablesTable,
  systemControlsTable,
  usbDevicesTable,
];
