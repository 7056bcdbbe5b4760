import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { pathExists } from '../lib/fs-read.js';
import { ARPHRD_LOOPBACK, IFF, listNetDevices, readDeviceFlags, readSysValue, type NetDevice } from './sys-class-net.js';

/** The flags osquery takes from sysfs rather than from netlink. */
const sysfsFlagMask =
  IFF.UP | IFF.DEBUG | IFF.NOTRAILERS | IFF.NOARP | IFF.PROMISC | IFF.ALLMULTI |
  IFF.MULTICAST | IFF.PORTSEL | IFF.AUTOMEDIA | IFF.DYNAMIC;

const statistics = [
  ['ipackets', 'rx_packets'],
  ['opackets', 'tx_packets'],
  ['ibytes', 'rx_bytes'],
  ['obytes', 'tx_bytes'],
  ['ierrors', 'rx_errors'],
  ['oerrors', 'tx_errors'],
  ['idrops', 'rx_dropped'],
  ['odrops', 'tx_dropped'],
  ['collisions', 'collisions'],
] as const;

/**
 * interface_details: one row per link, as osquery fills it from getifaddrs'
 * AF_PACKET entries and a few ioctls, read here from /sys/class/net/<if>:
 * - mac: the first six bytes of the hardware address, zero-padded;
 * - type: the ARPHRD type truncated to its low byte, as osquery stores
 *   sa_family through an unsigned char (loopback 772 reads 4, none 65534 reads 254);
 * - flags: sysfs flags plus RUNNING/LOWER_UP/DORMANT derived from operstate,
 *   carrier and dormant, as netlink reports them;
 * - metric 0 (Linux has none), last_change -1 (not on Linux);
 * - link_speed: Mb/s from `speed`, 0 when unknown or when the column is unused;
 * - pci_slot: the ethtool bus_info (the device's bus id; for virtio its PCI
 *   parent), -1 for loopback, N/A for bridges, tun for tun/tap, else ''.
 * Counters are the 64-bit sysfs statistics (osquery's netlink stats are
 * 32-bit and wrap at 4 GiB).
 */
export function* genInterfaceDetails(ctx: QueryContext): Iterable<Row> {
  const wantSpeed = ctx.isColumnUsed('link_speed');
  for (const dev of listNetDevices(ctx.hostPath('/sys/class/net'))) {
    ctx.checkDeadline();
    yield readInterfaceDetails(dev, wantSpeed);
  }
}

function readInterfaceDetails(dev: NetDevice, wantSpeed: boolean): Row {
  const row: Record<string, string | number> = {
    interface: dev.name,
    mac: formatMac(readSysValue(dev.dir, 'address') ?? ''),
    type: (Number(readSysValue(dev.dir, 'type')) || 0) & 0xff,
    mtu: readSysValue(dev.dir, 'mtu') ?? 0,
    metric: 0,
    flags: readLinkFlags(dev.dir),
    last_change: -1,
    link_speed: wantSpeed ? readLinkSpeed(dev.dir) : 0,
    pci_slot: readPciSlot(dev),
  };
  for (const [column, file] of statistics) row[column] = readSysValue(join(dev.dir, 'statistics'), file) ?? '';
  return row;
}

/** `aa:bb:…` of the first six address bytes, zero-padded (tun has none, IPv4 tunnels four). */
export function formatMac(sysfsAddress: string): string {
  const bytes = sysfsAddress === '' ? [] : sysfsAddress.split(':').map((h) => parseInt(h, 16) || 0);
  const six: number[] = [];
  for (let i = 0; i < 6; i++) six.push(bytes[i] ?? 0);
  return six.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The flags netlink reports (IFF_RUNNING etc. from the link state) with the sysfs-owned bits from sysfs. */
export function computeLinkFlags(deviceFlags: number, state: { operstate?: string; carrier?: string; dormant?: string }): number {
  let flags = deviceFlags & ~(IFF.RUNNING | IFF.LOWER_UP | IFF.DORMANT);
  if ((deviceFlags & IFF.UP) !== 0) {
    if (state.operstate === 'up' || state.operstate === 'unknown') flags |= IFF.RUNNING;
    if (state.carrier === '1') flags |= IFF.LOWER_UP;
    if (state.dormant === '1') flags |= IFF.DORMANT;
  }
  return (flags & ~sysfsFlagMask) | (deviceFlags & sysfsFlagMask);
}

function readLinkFlags(dir: string): number {
  return computeLinkFlags(readDeviceFlags(dir) ?? 0, {
    operstate: readSysValue(dir, 'operstate'),
    carrier: readSysValue(dir, 'carrier'),
    dormant: readSysValue(dir, 'dormant'),
  });
}

function readLinkSpeed(dir: string): number {
  const speed = Number(readSysValue(dir, 'speed'));
  return Number.isInteger(speed) && speed >= 0 && speed !== 0xffffffff ? speed : 0;
}

function readPciSlot(dev: NetDevice): string {
  let device: string | undefined;
  try {
    device = realpathSync(join(dev.dir, 'device'));
  } catch {
    device = undefined;
  }
  if (device !== undefined) {
    const name = basename(device);
    return /^virtio\d+$/.test(name) ? basename(dirname(device)) : name;
  }
  if (Number(readSysValue(dev.dir, 'type')) === ARPHRD_LOOPBACK) return '-1';
  if (pathExists(join(dev.dir, 'bridge'))) return 'N/A';
  if (pathExists(join(dev.dir, 'tun_flags'))) return 'tun';
  return '';
}

export const interfaceDetailsTable: TableImpl = {
  name: 'interface_details',
  generate: genInterfaceDetails,
  reads: ['/sys/class/net/<if>/{address,type,mtu,flags,operstate,carrier,dormant,speed,device,statistics/*}'],
};
