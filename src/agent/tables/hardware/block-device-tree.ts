import { closeSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { QueryContext } from '../table.js';
import { listDir, pathExists, readUtf8 } from '../lib/fs-read.js';
import { probeLength, probeSuperblock, type FilesystemId } from './superblock-probe.js';
import { compareBytes, parseUdevDatabase, readAttr } from './sysfs.js';

/** A block device as osquery's enumerateBlockDevices describes it. */
export interface BlockDevice {
  /** /dev/<kernel name>. */
  readonly name: string;
  /** Canonical sysfs directory. */
  readonly sysPath: string;
  /** /dev/<parent> for partitions and stacked devices, else ''. */
  readonly parent: string;
  model: string;
  serial: string;
  vendor: string;
  /** Size in 512-byte sectors, as sysfs reports it. */
  size: string;
  block_size: string;
  uuid: string;
  type: string;
  label: string;
}

/**
 * The block devices of /sys/class/block, after osquery's
 * enumerateBlockDevices: each entry must be a symlink whose target has a
 * uevent file; the name is /dev/ plus the target's last component; the
 * parent is the directory above (a partition's disk), or for a top-level
 * device its first holder in slaves/ (dm, md), or none.
 *
 * Metadata is read for the wanted devices (all when `wanted` is empty) and
 * for their ancestors: sysfs model, wwid or serial, vendor, size and
 * logical block size, with model/serial/vendor then copied from the
 * parent; and TYPE, UUID and LABEL from the device's own superblock (the
 * libblkid probe osquery runs, which needs root), else from udev's
 * database. With `includeParents` the ancestors are returned too.
 * The result is sorted by name.
 */
export function enumerateBlockDevices(ctx: QueryContext, wanted: ReadonlySet<string>, includeParents: boolean): BlockDevice[] {
  const classDir = ctx.hostPath('/sys/class/block');
  const devices = new Map<string, BlockDevice>();
  for (const entry of listDir(classDir)) {
    const device = readDeviceNode(`${classDir}/${entry}`);
    if (device) devices.set(device.name, device);
  }
  const done = new Set<string>();
  const results = new Map<string, BlockDevice>();
  const fill = (device: BlockDevice): void => {
    if (done.has(device.name)) return;
    done.add(device.name);
    const parent = devices.get(device.parent);
    if (parent) fill(parent);
    ctx.checkDeadline();
    readMetadata(ctx, device, parent);
    if (includeParents) results.set(device.name, device);
  };
  for (const device of devices.values()) {
    if (wanted.size > 0 && !wanted.has(device.name)) continue;
    fill(device);
    results.set(device.name, device);
  }
  return [...results.values()].sort((a, b) => compareBytes(a.name, b.name));
}

function readDeviceNode(link: string): BlockDevice | undefined {
  let sysPath: string;
  try {
    if (!lstatSync(link).isSymbolicLink()) return undefined;
    sysPath = realpathSync(link);
  } catch {
    return undefined;
  }
  if (!pathExists(`${sysPath}/uevent`)) return undefined;
  let parent = basename(dirname(sysPath));
  if (parent === 'block') parent = listDir(`${sysPath}/slaves`)[0] ?? '';
  return {
    name: '/dev/' + basename(sysPath),
    sysPath,
    parent: parent === '' ? '' : '/dev/' + parent,
    model: '', serial: '', vendor: '', size: '', block_size: '', uuid: '', type: '', label: '',
  };
}

function readMetadata(ctx: QueryContext, device: BlockDevice, parent: BlockDevice | undefined): void {
  const attr = (name: string): string => readAttr(`${device.sysPath}/${name}`) ?? '';
  device.model = attr('device/model');
  device.serial = attr('device/wwid') || attr('device/serial');
  device.vendor = attr('device/vendor') || attr('device/device/vendor');
  device.size = attr('size');
  device.block_size = attr('queue/logical_block_size');
  if (parent) {
    device.model = parent.model;
    device.serial = parent.serial;
    device.vendor = parent.vendor;
  }
  // An empty device (unattached loop, drive without media) has no superblock to probe.
  const probed = device.size === '0' ? undefined : probeDevice(ctx.hostPath(device.name));
  const id = probed ?? udevFilesystemId(ctx, device);
  if (id) {
    device.type = id.type;
    device.uuid = id.uuid ?? '';
    device.label = id.label ?? '';
  }
}

/** The first bytes of a device node; undefined when it cannot be opened (not root) or read. */
export function readDeviceHead(path: string, length: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function probeDevice(path: string): FilesystemId | undefined {
  const head = readDeviceHead(path, probeLength);
  return head === undefined ? undefined : probeSuperblock(head);
}

/** ID_FS_TYPE/UUID/LABEL that udev's blkid builtin recorded for the device, the label decoded from ID_FS_LABEL_ENC. */
function udevFilesystemId(ctx: QueryContext, device: BlockDevice): FilesystemId | undefined {
  const dev = readAttr(`${device.sysPath}/dev`);
  if (!dev) return undefined;
  const text = readUtf8(ctx.hostPath(`/run/udev/data/b${dev}`));
  if (text === undefined) return undefined;
  const props = parseUdevDatabase(text);
  const type = props.get('ID_FS_TYPE');
  if (!type) return undefined;
  const encoded = props.get('ID_FS_LABEL_ENC');
  const label = encoded !== undefined ? decodeUdevEscapes(encoded) : props.get('ID_FS_LABEL');
  return { type, uuid: props.get('ID_FS_UUID') ?? '', label: label ?? '' };
}

/** Undoes udev's \xNN escaping of unsafe bytes (ID_FS_LABEL_ENC). */
export function decodeUdevEscapes(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const m = /^\\x([0-9a-fA-F]{2})/.exec(text.slice(i, i + 4));
    if (m) {
      bytes.push(parseInt(m[1] as string, 16));
      i += 3;
    } else {
      bytes.push(...Buffer.from(text[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
