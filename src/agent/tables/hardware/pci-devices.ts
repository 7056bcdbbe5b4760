import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listDir } from '../lib/fs-read.js';
import { loadPciDatabase, pciIdsPaths, type PciDatabase } from './pci-ids.js';
import { compareBytes, readDeviceProperties } from './sysfs.js';

/**
 * pci_devices: one row per /sys/bus/pci/devices entry, in sysfs path order
 * (libudev's enumeration order), filled as osquery fills it from udev:
 * pci_slot, driver, the ids (PCI_ID, PCI_SUBSYS_ID, PCI_CLASS) from the
 * device's uevent; vendor and model from pci.ids, falling back to udev's
 * ID_VENDOR_FROM_DATABASE / ID_MODEL_FROM_DATABASE; pci_class and
 * pci_subclass from udev's database, or from pci.ids' class section when
 * udev has no record (containers, minimal hosts).
 *
 * Deviation: osquery returns no rows at all when no pci.ids exists; this
 * table still lists the devices (ids, slot, driver) and warns once.
 */
export function* genPciDevices(ctx: QueryContext): Iterable<Row> {
  const busDir = ctx.hostPath('/sys/bus/pci/devices');
  const udevData = ctx.hostPath('/run/udev/data');
  const devices = listDir(busDir)
    .map((name) => ({ name, sysPath: canonical(`${busDir}/${name}`) }))
    .filter((d): d is { name: string; sysPath: string } => d.sysPath !== undefined)
    .sort((a, b) => compareBytes(a.sysPath, b.sysPath));
  if (devices.length === 0) return;
  const db = loadPciDatabase((p) => ctx.hostPath(p));
  if (!db) ctx.warn(`Unexpected error attempting to read pci.ids at path: ${pciIdsPaths.join(' ')}`);
  for (const device of devices) {
    ctx.checkDeadline();
    const props = readDeviceProperties(device.sysPath, 'pci', basename(device.sysPath), udevData);
    yield pciRow(props, db);
  }
}

/** One pci_devices row from a device's udev properties and the PCI ID database. */
export function pciRow(props: ReadonlyMap<string, string>, db: PciDatabase | undefined): Row {
  const row: Record<string, string> = {
    pci_slot: props.get('PCI_SLOT_NAME') ?? '',
    pci_class: props.get('ID_PCI_CLASS_FROM_DATABASE') ?? '',
    pci_subclass: props.get('ID_PCI_SUBCLASS_FROM_DATABASE') ?? '',
    driver: props.get('DRIVER') ?? '',
    vendor: props.get('ID_VENDOR_FROM_DATABASE') ?? '',
    model: props.get('ID_MODEL_FROM_DATABASE') ?? '',
  };
  const ids = splitIdPair(props.get('PCI_ID') ?? '');
  if (!ids) {
    // osquery's legacy value when PCI_ID cannot be parsed.
    row.vendor_id = '0';
    row.model_id = '0';
  } else {
    const [vendor, model] = ids;
    row.vendor_id = '0x' + vendor;
    row.model_id = '0x' + model;
    const vendorName = db?.vendorName(vendor);
    if (vendorName !== undefined) row.vendor = vendorName;
    const modelName = db?.modelName(vendor, model);
    if (modelName !== undefined) row.model = modelName;
    const sub = splitIdPair(props.get('PCI_SUBSYS_ID') ?? '');
    if (sub) {
      const [subVendor, subModel] = sub;
      row.subsystem_vendor_id = '0x' + subVendor;
      row.subsystem_model_id = '0x' + subModel;
      const subVendorName = db?.vendorName(subVendor);
      if (subVendorName !== undefined) row.subsystem_vendor = subVendorName;
      const subName = db?.subsystemName(vendor, model, subVendor, subModel);
      if (subName !== undefined) row.subsystem_model = subName;
    }
  }
  const classIds = splitClass(props.get('PCI_CLASS') ?? '');
  if (classIds) {
    row.pci_class_id = '0x' + classIds[0];
    row.pci_subclass_id = '0x' + classIds[1];
    if (row.pci_class === '') row.pci_class = db?.className(classIds[0]) ?? '';
    if (row.pci_subclass === '') row.pci_subclass = db?.subclassName(classIds[0], classIds[1]) ?? '';
  }
  return row;
}

/** "8086:1237" → ["8086", "1237"] (lower-cased); undefined unless exactly one colon with text after it. */
export function splitIdPair(attr: string): [string, string] | undefined {
  const text = attr.toLowerCase();
  const colon = text.indexOf(':');
  if (colon < 0 || colon === text.length - 1 || text.indexOf(':', colon + 1) >= 0) return undefined;
  return [text.slice(0, colon), text.slice(colon + 1)];
}

/**
 * The class and subclass bytes of the uevent's PCI_CLASS, which the kernel
 * prints with %04X of the 24-bit class code: "60000" → ["06", "00"],
 * "C0330" → ["0c", "03"]; undefined for other lengths, as in osquery.
 */
export function splitClass(attr: string): [string, string] | undefined {
  const text = attr.toLowerCase();
  if (text.length === 5) return ['0' + text.slice(0, 1), text.slice(1, 3)];
  if (text.length === 6) return [text.slice(0, 2), text.slice(2, 4)];
  return undefined;
}

function canonical(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export const pciDevicesTable: TableImpl = {
  name: 'pci_devices',
  generate: genPciDevices,
  reads: ['/sys/bus/pci/devices/*/uevent', '/run/udev/data/+pci:*', '/usr/share/misc/pci.ids or /usr/share/hwdata/pci.ids'],
};
