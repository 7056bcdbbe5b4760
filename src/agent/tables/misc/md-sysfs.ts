import { basename, join } from 'node:path';
import { listDir, pathExists, readLink, readText } from '../lib/fs-read.js';

/**
 * What osquery gets from the GET_ARRAY_INFO and GET_DISK_INFO ioctls, read
 * instead from /sys/block/<md>/md (Node cannot issue ioctls). The kernel
 * fills both from the same mddev/rdev state that sysfs shows.
 */
export interface MdArrayInfo {
  /** mdu_array_info_t.level: raid0..raid10 as numbers, linear -1, multipath -4, faulty -5; undefined when unknown. */
  readonly level: number | undefined;
  readonly raidDisks: number;
  /** Bytes. */
  readonly chunkSize: number | undefined;
  /** The kernel's counts over the member devices (nr, failed, working, active, spare). */
  readonly nrDisks: number;
  readonly failedDisks: number;
  readonly workingDisks: number;
  readonly activeDisks: number;
  readonly spareDisks: number;
  /** MD_SB_* bits: clean (0) when in sync, bitmap_present (8) with an internal bitmap. */
  readonly superblockState: number;
  /** `1.2`, `0.90`, or an external format name; '' when none. */
  readonly metadataVersion: string;
  readonly members: readonly MdMember[];
}

/** One member device (md/dev-<name>). */
export interface MdMember {
  /** /dev/<kernel name> of the member, as udev's DEVNAME. */
  readonly devName: string;
  /** rdev->raid_disk: the slot, or -1 (`none`) for spares and removed slots. */
  readonly raidDisk: number;
  /** MD_DISK_* bits as GET_DISK_INFO reports them. */
  readonly state: number;
}

/** Bit numbers of <linux/raid/md_p.h>. */
export const mdDiskBit = { FAULTY: 0, ACTIVE: 1, SYNC: 2, REMOVED: 3, CLUSTER_ADD: 4, CANDIDATE: 5, WRITEMOSTLY: 9, FAILFAST: 10, JOURNAL: 18 } as const;
export const mdSuperblockBit = { CLEAN: 0, ERRORS: 1, BBM_ERRORS: 2, CLUSTERED: 3, BITMAP_PRESENT: 8 } as const;

const levelNumbers: ReadonlyMap<string, number> = new Map([
  ['linear', -1], ['multipath', -4], ['faulty', -5],
  ['raid0', 0], ['raid1', 1], ['raid4', 4], ['raid5', 5], ['raid6', 6], ['raid10', 10],
]);

/** array_state values in which the kernel's mddev->in_sync holds. */
const inSyncStates = new Set(['clean', 'readonly', 'read-auto']);

/** Reads /sys/block/<name>/md; undefined when the array has no md directory (the ioctl would fail). */
export function readMdArrayInfo(sysBlock: string, name: string): MdArrayInfo | undefined {
  const dir = join(sysBlock, name, 'md');
  if (!pathExists(dir)) return undefined;
  const attr = (file: string): string => (readText(join(dir, file)) ?? '').trim();
  const members = listDir(dir)
    .filter((entry) => entry.startsWith('dev-'))
    .sort()
    .map((entry) => readMember(join(dir, entry), entry.slice(4)));
  const flags = members.map((m) => m.flags);
  const failed = flags.filter((f) => f.has('faulty')).length;
  const working = members.length - failed;
  const active = flags.filter((f) => !f.has('faulty') && f.has('in_sync')).length;
  const spare = flags.filter((f) => !f.has('faulty') && !f.has('in_sync') && !f.has('journal')).length;
  const bitmapOffset = attr('bitmap/location');
  let superblockState = inSyncStates.has(attr('array_state')) ? 1 << mdSuperblockBit.CLEAN : 0;
  if (/^[+-]\d+$/.test(bitmapOffset) && Number(bitmapOffset) !== 0) superblockState |= 1 << mdSuperblockBit.BITMAP_PRESENT;
  const level = attr('level');
  const metadata = attr('metadata_version');
  return {
    level: levelNumbers.get(level) ?? (/^-?\d+$/.test(level) ? Number(level) : undefined),
    raidDisks: leadingInt(attr('raid_disks')) ?? 0,
    chunkSize: leadingInt(attr('chunk_size')),
    nrDisks: members.length,
    failedDisks: failed,
    workingDisks: working,
    activeDisks: active,
    spareDisks: spare,
    superblockState,
    metadataVersion: metadata === 'none' ? '' : metadata.replace(/^external:/, ''),
    members: members.map(({ devName, raidDisk, state }) => ({ devName, raidDisk, state })),
  };
}

/** `3 (2)` while reshaping → 3. */
function leadingInt(text: string): number | undefined {
  const m = /^-?\d+/.exec(text);
  return m ? Number(m[0]) : undefined;
}

function readMember(dir: string, fallbackName: string): MdMember & { flags: ReadonlySet<string> } {
  const flags = new Set((readText(join(dir, 'state')) ?? '').trim().split(',').filter((f) => f !== ''));
  const slot = (readText(join(dir, 'slot')) ?? '').trim();
  const link = readLink(join(dir, 'block'));
  return { devName: `/dev/${link === '' ? fallbackName : basename(link)}`, raidDisk: /^\d+$/.test(slot) ? Number(slot) : -1, state: encodeDiskState(flags), flags };
}

/** GET_DISK_INFO's state bits from the sysfs flags: faulty, else in_sync as active+sync; journal, write_mostly, failfast. */
export function encodeDiskState(flags: ReadonlySet<string>): number {
  let state = 0;
  if (flags.has('faulty')) state |= 1 << mdDiskBit.FAULTY;
  else if (flags.has('in_sync')) state |= (1 << mdDiskBit.ACTIVE) | (1 << mdDiskBit.SYNC);
  if (flags.has('journal')) state |= 1 << mdDiskBit.JOURNAL;
  if (flags.has('write_mostly')) state |= 1 << mdDiskBit.WRITEMOSTLY;
  if (flags.has('failfast')) state |= 1 << mdDiskBit.FAILFAST;
  return state;
}

const diskStateNames: ReadonlyArray<readonly [number, string]> = [
  [mdDiskBit.FAULTY, 'faulty'], [mdDiskBit.ACTIVE, 'active'], [mdDiskBit.SYNC, 'sync'], [mdDiskBit.REMOVED, 'removed'],
  [mdDiskBit.CLUSTER_ADD, 'clusteradd'], [mdDiskBit.CANDIDATE, 'spare'], [mdDiskBit.WRITEMOSTLY, 'writemostly'],
  [mdDiskBit.FAILFAST, 'failfast'], [mdDiskBit.JOURNAL, 'journal'],
];

/** osquery's getDiskStateStr: 0 reads `recovering`, else the set bits' names in bit order. */
export function formatDiskState(state: number): string {
  if (state === 0) return 'recovering';
  return diskStateNames.filter(([bit]) => state & (1 << bit)).map(([, name]) => name).join(' ');
}

const superblockStateNames: ReadonlyArray<readonly [number, string]> = [
  [mdSuperblockBit.CLEAN, 'clean'], [mdSuperblockBit.ERRORS, 'errors'], [mdSuperblockBit.BBM_ERRORS, 'bbm_errors'],
  [mdSuperblockBit.CLUSTERED, 'clustered'], [mdSuperblockBit.BITMAP_PRESENT, 'bitmap_present'],
];

/** osquery's getSuperBlkStateStr: 0 reads `unknown`, else the set bits' names in bit order. */
export function formatSuperblockState(state: number): string {
  if (state === 0) return 'unknown';
  return superblockStateNames.filter(([bit]) => state & (1 << bit)).map(([, name]) => name).join(' ');
}
