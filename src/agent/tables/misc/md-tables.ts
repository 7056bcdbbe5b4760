import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { formatDiskState, formatSuperblockState, readMdArrayInfo, type MdArrayInfo } from './md-sysfs.js';
import { parseMdstat, type MdAction, type MdDevice, type MdStat } from './mdstat-parser.js';

/**
 * md_devices, md_drives and md_personalities after osquery's md_tables.cpp:
 * /proc/mdstat for the arrays and their progress lines, and for what osquery
 * asks the md driver through ioctls, the same kernel state in sysfs (see
 * md-sysfs.ts). No /proc/mdstat (no md module) means no rows and no warning.
 *
 * One deliberate difference: osquery's getPathByDevName builds "/dev/" from
 * an empty string instead of the udev DEVNAME, so its ioctls fail on every
 * host and md_devices/md_drives come back empty with an error logged. These
 * tables report the arrays as that code intends.
 */
function readMdstat(ctx: QueryContext): MdStat {
  const stat = parseMdstat(readText(ctx.hostPath('/proc/mdstat')) ?? '');
  for (const w of stat.warnings) ctx.warn(w);
  return stat;
}

function actionColumns(prefix: string, action: MdAction | undefined): Record<string, string> {
  if (action === undefined || action.progress === '') return {};
  return { [`${prefix}_progress`]: action.progress, [`${prefix}_finish`]: action.finish, [`${prefix}_speed`]: action.speed };
}

/** One md_devices row from the mdstat entry and the array's driver state. */
export function buildMdDeviceRow(device: MdDevice, info: MdArrayInfo, unused: string): Row {
  return {
    device_name: device.name,
    status: device.status,
    raid_level: info.level,
    size: device.usableSize,
    chunk_size: info.chunkSize,
    raid_disks: info.raidDisks,
    nr_raid_disks: info.nrDisks,
    working_disks: info.workingDisks,
    active_disks: info.activeDisks,
    failed_disks: info.failedDisks,
    spare_disks: info.spareDisks,
    superblock_state: formatSuperblockState(info.superblockState),
    superblock_version: info.metadataVersion,
    ...actionColumns('recovery', device.recovery),
    ...actionColumns('resync', device.resync),
    ...actionColumns('reshape', device.reshape),
    ...actionColumns('check_array', device.checkArray),
    ...(device.bitmap && device.bitmap.onMem !== ''
      ? { bitmap_on_mem: device.bitmap.onMem, bitmap_chunk_size: device.bitmap.chunkSize, bitmap_external_file: device.bitmap.externalFile }
      : {}),
    other: device.other,
    unused_devices: unused,
  };
}

/**
 * osquery's getDrivesForArray: a row per member (slot = its raid disk), then
 * every slot of 0..raid_disks-1 no member holds goes first to members
 * without a slot (in order), then to an `unknown`/`removed` row. Members are
 * taken in slot order, slot-less ones last (osquery walks the kernel's disk
 * numbers, which sysfs does not show).
 */
export function buildMdDriveRows(arrayName: string, info: MdArrayInfo): Row[] {
  const members = [...info.members].sort((a, b) => (a.raidDisk < 0 ? 1 : 0) - (b.raidDisk < 0 ? 1 : 0) || a.raidDisk - b.raidDisk);
  const rows: Array<Record<string, string | number>> = [];
  const slotless: Array<Record<string, string | number>> = [];
  const missing = new Set(Array.from({ length: info.raidDisks }, (_, i) => i));
  for (const m of members) {
    const row: Record<string, string | number> = { md_device_name: arrayName, drive_name: m.devName, state: formatDiskState(m.state) };
    if (m.raidDisk >= 0) {
      row.slot = m.raidDisk;
      missing.delete(m.raidDisk);
    } else {
      slotless.push(row);
    }
    rows.push(row);
  }
  for (const slot of missing) {
    const taker = slotless.shift();
    if (taker) taker.slot = slot;
    else rows.push({ md_device_name: arrayName, drive_name: 'unknown', state: 'removed', slot });
  }
  return rows;
}

/** md_devices: one row per array; like osquery it stops at the first array whose driver state cannot be read. */
export function* genMdDevices(ctx: QueryContext): Iterable<Row> {
  const stat = readMdstat(ctx);
  for (const device of stat.devices) {
    const info = readMdArrayInfo(ctx.hostPath('/sys/block'), device.name);
    if (!info) {
      ctx.warn(`Could not read the array information of /dev/${device.name}`);
      return;
    }
    yield buildMdDeviceRow(device, info, stat.unused);
  }
}

/** md_drives: the member drives of every array; arrays whose driver state cannot be read are skipped. */
export function* genMdDrives(ctx: QueryContext): Iterable<Row> {
  for (const device of readMdstat(ctx).devices) {
    const info = readMdArrayInfo(ctx.hostPath('/sys/block'), device.name);
    if (!info) {
      ctx.warn(`Could not read the array information of /dev/${device.name}`);
      continue;
    }
    yield* buildMdDriveRows(device.name, info);
  }
}

/** md_personalities: the RAID personalities the kernel has loaded (the first mdstat line). */
export function* genMdPersonalities(ctx: QueryContext): Iterable<Row> {
  for (const name of readMdstat(ctx).personalities) yield { name };
}

const reads = ['/proc/mdstat', '/sys/block/<md>/md/{level,raid_disks,chunk_size,array_state,metadata_version,bitmap/location,dev-*/{state,slot,block}}'];

export const mdDevicesTable: TableImpl = { name: 'md_devices', generate: genMdDevices, reads };
export const mdDrivesTable: TableImpl = { name: 'md_drives', generate: genMdDrives, reads };
export const mdPersonalitiesTable: TableImpl = { name: 'md_personalities', generate: genMdPersonalities, reads: ['/proc/mdstat'] };
