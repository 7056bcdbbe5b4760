import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A host tree for tests: files by path, symlinks by path → target, empty directories. */
export interface FixtureTreeSpec {
  readonly files?: Readonly<Record<string, string>>;
  readonly links?: Readonly<Record<string, string>>;
  readonly dirs?: readonly string[];
}

export interface FixtureTree {
  /** Use as paths.root. */
  readonly root: string;
  remove(): void;
}

/** Writes a fixture host tree under a fresh temporary directory (for tests only). */
export function createFixtureTree(spec: FixtureTreeSpec): FixtureTree {
  const root = mkdtempSync(join(tmpdir(), 'wp-net-'));
  for (const dir of spec.dirs ?? []) mkdirSync(join(root, dir), { recursive: true });
  for (const [path, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  for (const [path, target] of Object.entries(spec.links ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

interface FixtureDevice {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly stats: readonly number[];
  readonly extraDirs?: readonly string[];
  readonly deviceLink?: string;
}

const statFiles = ['rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped', 'collisions'];

/**
 * /sys/class/net of a sample host: lo, eth0 (virtio NIC, 1 Gb/s), docker0
 * (a bridge that is up without carrier) and wg0 (point-to-point, no
 * hardware address), plus bonding_masters, which is not a device.
 */
const sampleDevices: readonly FixtureDevice[] = [
  {
    name: 'lo',
    attrs: { ifindex: '1', type: '772', flags: '0x9', operstate: 'unknown', carrier: '1', dormant: '0', address: '00:00:00:00:00:00', mtu: '65536' },
    stats: [285, 285, 66591, 66591, 0, 0, 0, 0, 0],
  },
  {
    name: 'eth0',
    attrs: { ifindex: '2', type: '1', flags: '0x1003', operstate: 'up', carrier: '1', dormant: '0', address: '08:00:27:4e:5b:9b', mtu: '1500', speed: '1000' },
    stats: [4_100_000, 2_000_000, 5_000_000_000, 300_000_000, 1, 2, 3, 4, 0],
    deviceLink: '../../../devices/pci0000:00/0000:00:03.0/virtio0',
  },
  {
    name: 'docker0',
    attrs: { ifindex: '3', type: '1', flags: '0x1003', operstate: 'down', carrier: '0', dormant: '0', address: '02:42:8f:1a:2b:3c', mtu: '1500' },
    stats: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    extraDirs: ['bridge'],
  },
  {
    name: 'wg0',
    attrs: { ifindex: '4', type: '65534', flags: '0x91', operstate: 'unknown', carrier: '1', dormant: '0', address: '', mtu: '1420' },
    stats: [10, 12, 1480, 1720, 0, 0, 0, 0, 0],
  },
];

/** A sample host's network state: /proc/net route, address and neighbour files from testdata/proc-route plus the sysfs devices above. */
export function createSampleNetHost(): FixtureTree {
  const files: Record<string, string> = { 'sys/class/net/bonding_masters': 'bond0\n' };
  const links: Record<string, string> = {};
  const dirs: string[] = ['sys/devices/pci0000:00/0000:00:03.0/virtio0'];
  for (const name of ['route', 'ipv6_route', 'fib_trie', 'if_inet6', 'arp']) {
    files[`proc/net/${name}`] = readFileSync(new URL(`./testdata/proc-route/${name}`, import.meta.url), 'utf8');
  }
  for (const dev of sampleDevices) {
    const dir = `sys/class/net/${dev.name}`;
    for (const [attr, value] of Object.entries(dev.attrs)) files[`${dir}/${attr}`] = `${value}\n`;
    statFiles.forEach((f, i) => (files[`${dir}/statistics/${f}`] = `${dev.stats[i] ?? 0}\n`));
    for (const extra of dev.extraDirs ?? []) dirs.push(`${dir}/${extra}`);
    if (dev.deviceLink) links[`${dir}/device`] = dev.deviceLink;
  }
  return createFixtureTree({ files, links, dirs });
}
