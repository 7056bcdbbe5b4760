import { readUtf8 } from '../lib/fs-read.js';

/**
 * Small readers for sysfs and udev state shared by the hardware tables.
 * None of them throws: a missing attribute reads as undefined or empty.
 */

/**
 * A sysfs attribute with leading and trailing newlines, tabs and spaces
 * removed (boost::trim_if with "\n\t "), or undefined when it cannot be read.
 */
export function readAttr(path: string): string | undefined {
  const text = readUtf8(path);
  return text === undefined ? undefined : trimSysfs(text);
}

/** strcmp order, which is how glob(3) and libudev sort names and paths in the C locale. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Removes leading and trailing newlines, tabs and spaces, as osquery trims sysfs values. */
export function trimSysfs(text: string): string {
  return text.replace(/^[\n\t ]+|[\n\t ]+$/g, '');
}

/** The KEY=VALUE lines of a sysfs uevent file (or any udev property list). */
export function parseUevent(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}

/**
 * The E: (property) lines of a udev database file (/run/udev/data/<id>),
 * which is where udev keeps what its rules and hwdb added to a device:
 * ID_VENDOR_FROM_DATABASE, ID_FS_UUID and the like.
 */
export function parseUdevDatabase(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('E:')) continue;
    const eq = line.indexOf('=');
    if (eq > 2) out.set(line.slice(2, eq), line.slice(eq + 1));
  }
  return out;
}

/**
 * The name udev files a device under in /run/udev/data: b<maj>:<min> for
 * block devices, c<maj>:<min> for other device nodes, +<subsystem>:<sysname>
 * for devices without a node (PCI functions, USB interfaces).
 */
export function udevDatabaseId(subsystem: string, sysname: string, uevent: ReadonlyMap<string, string>): string {
  const major = uevent.get('MAJOR');
  const minor = uevent.get('MINOR');
  if (major !== undefined && minor !== undefined) return `${subsystem === 'block' ? 'b' : 'c'}${major}:${minor}`;
  return `+${subsystem}:${sysname}`;
}

/**
 * A device's udev properties as libudev's udev_device_get_property_value
 * sees them: the kernel's uevent variables, then what the udev database adds.
 * `udevDataDir` is /run/udev/data under the host root.
 */
export function readDeviceProperties(sysPath: string, subsystem: string, sysname: string, udevDataDir: string): Map<string, string> {
  const props = parseUevent(readUtf8(sysPath + '/uevent') ?? '');
  const db = readUtf8(`${udevDataDir}/${udevDatabaseId(subsystem, sysname, props)}`);
  if (db !== undefined) for (const [k, v] of parseUdevDatabase(db)) props.set(k, v);
  return props;
}
