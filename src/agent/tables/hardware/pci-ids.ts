import { createFirstFileCache } from './first-file-cache.js';

/** Where osquery looks for the PCI ID database, in order. */
export const pciIdsPaths = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids'];

interface PciModel {
  readonly name: string;
  /** Subsystem names keyed "<subvendor> <subdevice>" as written in pci.ids. */
  readonly subsystems: Map<string, string>;
}

interface PciVendor {
  readonly name: string;
  readonly models: Map<string, PciModel>;
}

interface PciClass {
  readonly name: string;
  readonly subclasses: Map<string, string>;
}

/** The parts of pci.ids the pci_devices table uses. IDs are lower-case hex as in the file. */
export interface PciDatabase {
  vendorName(vendor: string): string | undefined;
  modelName(vendor: string, model: string): string | undefined;
  subsystemName(vendor: string, model: string, subVendor: string, subModel: string): string | undefined;
  className(classId: string): string | undefined;
  subclassName(classId: string, subclassId: string): string | undefined;
}

const hexDigits = '0123456789abcdef';

/**
 * Parses pci.ids with osquery's PciDB rules: everything from the first '#'
 * on a line is dropped; a line whose first hex digit is at column 0, 1 or 2
 * is a vendor, model or subsystem; vendor names start at column 6, model
 * names at 7, subsystem names at 11; a repeated vendor or model is ignored
 * (later lines then attach to the previous entry, as in osquery); the
 * vendor list ends at the pseudo-vendor ffff. After it, the device class
 * section (`C 03  Display controller`, `\t00  VGA compatible controller`)
 * is read too; osquery stops there and takes class names from udev
 * instead, which derives them from this same section.
 */
export function parsePciIds(text: string): PciDatabase {
  const vendors = new Map<string, PciVendor>();
  const classes = new Map<string, PciClass>();
  let vendor: PciVendor | undefined;
  let model: PciModel | undefined;
  let cls: PciClass | undefined;
  let inClasses = false;
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash < 0 ? raw : raw.slice(0, hash)).trimEnd();
    if (inClasses) {
      cls = parseClassLine(line, classes, cls);
      continue;
    }
    const at = firstHexDigit(line);
    if (at === 0 && line.length >= 7) {
      const id = line.slice(0, 4);
      if (id === 'ffff') {
        inClasses = true;
        continue;
      }
      if (!vendors.has(id)) vendors.set(id, (vendor = { name: line.slice(6), models: new Map() }));
    } else if (at === 1 && line.length >= 8 && vendor) {
      const id = line.slice(1, 5);
      if (!vendor.models.has(id)) vendor.models.set(id, (model = { name: line.slice(7), subsystems: new Map() }));
    } else if (at === 2 && line.length >= 12 && model) {
      const key = line.slice(2, 11);
      if (!model.subsystems.has(key)) model.subsystems.set(key, line.slice(11).trim());
    }
  }
  return {
    vendorName: (v) => vendors.get(v)?.name,
    modelName: (v, m) => vendors.get(v)?.models.get(m)?.name,
    subsystemName: (v, m, sv, sm) => vendors.get(v)?.models.get(m)?.subsystems.get(`${sv} ${sm}`),
    className: (c) => classes.get(c)?.name,
    subclassName: (c, s) => classes.get(c)?.subclasses.get(s),
  };
}

function firstHexDigit(line: string): number {
  for (let i = 0; i < line.length; i++) if (hexDigits.includes(line[i] as string)) return i;
  return -1;
}

function parseClassLine(line: string, classes: Map<string, PciClass>, current: PciClass | undefined): PciClass | undefined {
  const top = /^C ([0-9a-f]{2}) {2}(.*)$/.exec(line);
  if (top) {
    const entry: PciClass = { name: top[2] as string, subclasses: new Map() };
    classes.set(top[1] as string, entry);
    return entry;
  }
  const sub = /^\t([0-9a-f]{2}) {2}(.*)$/.exec(line);
  if (sub && current) current.subclasses.set(sub[1] as string, sub[2] as string);
  else if (line !== '' && !line.startsWith('\t')) return undefined;
  return current;
}

/**
 * The first readable pci.ids among osquery's paths (under the host root),
 * parsed once and reused until the file changes; undefined when none.
 */
export const loadPciDatabase: (hostPath: (path: string) => string) => PciDatabase | undefined = createFirstFileCache(pciIdsPaths, parsePciIds);
