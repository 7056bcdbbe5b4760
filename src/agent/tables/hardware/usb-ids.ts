import { createFirstFileCache } from './first-file-cache.js';

/** Where usbutils and hwdata install the USB ID database. */
export const usbIdsPaths = ['/usr/share/misc/usb.ids', '/usr/share/hwdata/usb.ids', '/var/lib/usbutils/usb.ids'];

/** Vendor and product names from usb.ids; ids are lower-case hex. */
export interface UsbDatabase {
  vendorName(vendor: string): string | undefined;
  productName(vendor: string, product: string): string | undefined;
}

/**
 * Parses the vendor/product part of usb.ids (`1d6b  Linux Foundation`,
 * `\t0002  2.0 root hub`); the list ends at the first class or other
 * section line (`C 00  ...`). These are the names udev's hwdb reports as
 * ID_VENDOR_FROM_DATABASE and ID_MODEL_FROM_DATABASE.
 */
export function parseUsbIds(text: string): UsbDatabase {
  const vendors = new Map<string, { name: string; products: Map<string, string> }>();
  let vendor: { name: string; products: Map<string, string> } | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const top = /^([0-9a-f]{4}) {2}(.*)$/.exec(line);
    if (top) {
      vendor = { name: (top[2] as string).trimEnd(), products: new Map() };
      vendors.set(top[1] as string, vendor);
      continue;
    }
    const product = /^\t([0-9a-f]{4}) {2}(.*)$/.exec(line);
    if (product && vendor) {
      vendor.products.set(product[1] as string, (product[2] as string).trimEnd());
      continue;
    }
    if (!line.startsWith('\t')) break;
  }
  return {
    vendorName: (v) => vendors.get(v)?.name,
    productName: (v, p) => vendors.get(v)?.products.get(p),
  };
}

/** The first usb.ids found (under the host root), parsed once per file version; undefined when none. */
export const loadUsbDatabase: (hostPath: (path: string) => string) => UsbDatabase | undefined = createFirstFileCache(usbIdsPaths, parseUsbIds);
