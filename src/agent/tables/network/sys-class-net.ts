import { join } from 'node:path';
import { listDir, readText } from '../lib/fs-read.js';

/** Interface flags of <linux/if.h> used here. */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  DEBUG: 0x4,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  NOTRAILERS: 0x20,
  RUNNING: 0x40,
  NOARP: 0x80,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  MULTICAST: 0x1000,
  PORTSEL: 0x2000,
  AUTOMEDIA: 0x4000,
  DYNAMIC: 0x8000,
  LOWER_UP: 0x10000,
  DORMANT: 0x20000,
} as const;

/** ARPHRD_LOOPBACK, the `type` of a loopback device. */
export const ARPHRD_LOOPBACK = 772;

/** One network device of /sys/class/net. */
export interface NetDevice {
  readonly name: string;
  readonly ifindex: number;
  /** Its /sys/class/net/<name> directory. */
  readonly dir: string;
}

/**
 * The devices under a /sys/class/net directory in ifindex order (the order
 * getifaddrs lists links in). Entries without an ifindex, such as
 * bonding_masters, are not devices.
 */
export function listNetDevices(sysClassNet: string): NetDevice[] {
  const out: NetDevice[] = [];
  for (const name of listDir(sysClassNet)) {
    const dir = join(sysClassNet, name);
    const ifindex = Number(readSysValue(dir, 'ifindex'));
    if (Number.isInteger(ifindex) && ifindex > 0) out.push({ name, ifindex, dir });
  }
  return out.sort((a, b) => a.ifindex - b.ifindex);
}

/** A sysfs attribute, trimmed; undefined when it cannot be read (some read EINVAL while a link is down). */
export function readSysValue(dir: string, file: string): string | undefined {
  return readText(join(dir, file))?.trim();
}

/** The device's own flags (`0x1003` in /sys/class/net/<if>/flags); undefined when unreadable. */
export function readDeviceFlags(dir: string): number | undefined {
  const text = readSysValue(dir, 'flags');
  if (text === undefined || !/^0x[0-9a-fA-F]+$/.test(text)) return undefined;
  return parseInt(text.slice(2), 16);
}

/**
 * Whether a device that is up has lost its carrier, which marks its routes
 * RTNH_F_LINKDOWN. A device that is down cannot report a carrier and has no
 * routes, so it reads false.
 */
export function isCarrierDown(dir: string): boolean {
  return readSysValue(dir, 'carrier') === '0';
}
