import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listDir } from '../lib/fs-read.js';
import { compareBytes, readAttr, readDeviceProperties } from './sysfs.js';
import { loadUsbDatabase, type UsbDatabase } from './usb-ids.js';
import { splitOsquery } from '../lib/osquery-strings.js';

/**
 * usb_devices: one row per USB device (not interface) under
 * /sys/bus/usb/devices, in sysfs path order, from the udev properties
 * osquery reads: ID_VENDOR_ID, ID_MODEL_ID, ID_REVISION, ID_SERIAL_SHORT,
 * ID_VENDOR_FROM_DATABASE, ID_MODEL_FROM_DATABASE (or ID_MODEL), and the
 * uevent's TYPE (class/subclass/protocol, decimal), BUSNUM (usb_address)
 * and DEVNUM (usb_port). Entries without BUSNUM or DEVNUM (interfaces)
 * are skipped. removable is -1 when the sysfs attribute says "unknown" and
 * 1 otherwise, which is osquery's mapping (a "fixed" device reads 1 too).
 *
 * When udev has no database entry for a device (containers, hosts without
 * udev) the same properties are derived the way udev's usb_id builtin and
 * hwdb derive them: sysfs idVendor, idProduct, bcdDevice, serial, product,
 * and names from usb.ids.
 */
export function* genUsbDevices(ctx: QueryContext): Iterable<Row> {
  const busDir = ctx.hostPath('/sys/bus/usb/devices');
  const udevData = ctx.hostPath('/run/udev/data');
  const devices = listDir(busDir)
    .map((name) => canonical(`${busDir}/${name}`))
    .filter((p): p is string => p !== undefined)
    .sort(compareBytes);
  let db: UsbDatabase | undefined | null = null;
  for (const sysPath of devices) {
    ctx.checkDeadline();
    const props = readDeviceProperties(sysPath, 'usb', basename(sysPath), udevData);
    if (!props.get('BUSNUM') || !props.get('DEVNUM')) continue;
    if (!props.has('ID_VENDOR_ID')) {
      if (db === null) db = loadUsbDatabase((p) => ctx.hostPath(p));
      addUsbIdProperties(props, sysPath, db);
    }
    yield usbRow(props, readAttr(`${sysPath}/removable`) ?? '');
  }
}

/** One usb_devices row from a device's udev properties and its sysfs `removable` attribute. */
export function usbRow(props: ReadonlyMap<string, string>, removable: string): Row {
  const [cls, subclass, protocol] = usbType(props.get('TYPE') ?? '');
  return {
    vendor: props.get('ID_VENDOR_FROM_DATABASE') ?? '',
    model: props.get('ID_MODEL_FROM_DATABASE') || (props.get('ID_MODEL') ?? ''),
    model_id: props.get('ID_MODEL_ID') ?? '',
    vendor_id: props.get('ID_VENDOR_ID') ?? '',
    version: props.get('ID_REVISION') ?? '',
    serial: props.get('ID_SERIAL_SHORT') ?? '',
    class: cls,
    subclass,
    protocol,
    usb_address: props.get('BUSNUM') ?? '',
    usb_port: props.get('DEVNUM') ?? '',
    removable: removable === 'unknown' ? '-1' : '1',
  };
}

function usbType(type: string): [string, string, string] {
  const parts = splitOsquery(type, '/');
  return parts.length === 3 ? [parts[0] as string, parts[1] as string, parts[2] as string] : ['', '', ''];
}

/** Fills the properties udev's usb_id builtin and hwdb would have set, from sysfs attributes and usb.ids. */
export function addUsbIdProperties(props: Map<string, string>, sysPath: string, db: UsbDatabase | undefined): void {
  const vendorId = readAttr(`${sysPath}/idVendor`);
  const productId = readAttr(`${sysPath}/idProduct`);
  if (vendorId !== undefined) props.set('ID_VENDOR_ID', vendorId);
  if (productId !== undefined) props.set('ID_MODEL_ID', productId);
  const revision = readAttr(`${sysPath}/bcdDevice`);
  if (revision !== undefined) props.set('ID_REVISION', revision);
  const serial = readAttr(`${sysPath}/serial`);
  if (serial !== undefined && udevSafe(serial) !== '') props.set('ID_SERIAL_SHORT', udevSafe(serial));
  const product = readAttr(`${sysPath}/product`);
  const model = product !== undefined ? udevSafe(product) : '';
  props.set('ID_MODEL', model !== '' ? model : productId ?? '');
  const vendorName = vendorId !== undefined ? db?.vendorName(vendorId.toLowerCase()) : undefined;
  if (vendorName !== undefined) props.set('ID_VENDOR_FROM_DATABASE', vendorName);
  const productName = vendorId !== undefined && productId !== undefined ? db?.productName(vendorId.toLowerCase(), productId.toLowerCase()) : undefined;
  if (productName !== undefined) props.set('ID_MODEL_FROM_DATABASE', productName);
}

/**
 * udev's cleaning of a sysfs string for use in a property: trim, collapse
 * each run of whitespace to one '_', then replace every character outside
 * [0-9A-Za-z#+-.:=@_] (and outside multi-byte UTF-8) with '_'.
 */
export function udevSafe(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^0-9A-Za-z#+\-.:=@_\u0080-\u{10FFFF}]/gu, '_');
}

function canonical(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export const usbDevicesTable: TableImpl = {
  name: 'usb_devices',
  generate: genUsbDevices,
  reads: ['/sys/bus/usb/devices/*/{uevent,idVendor,idProduct,bcdDevice,serial,product,removable}', '/run/udev/data/c189:*', 'usb.ids'],
};
