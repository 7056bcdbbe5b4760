import { realpathSync, statfsSync } from 'node:fs';
import { relative } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { parseProcMounts } from './proc-mounts.js';

/** The statfs numbers of a mount, as osquery stores them. */
export interface MountStats {
  readonly blocks_size: number;
  readonly blocks: number;
  readonly blocks_free: number;
  readonly blocks_available: number;
  readonly inodes: number;
  readonly inodes_free: number;
}

const noStats: MountStats = { blocks_size: 0, blocks: 0, blocks_free: 0, blocks_available: 0, inodes: 0, inodes_free: 0 };

/**
 * mounts: one row per /proc/mounts line, with statfs(2) numbers for the
 * mount point. As in osquery: autofs mounts are not statfs'd and, like mounts
 * whose statfs fails, report 0 for every number; each number is truncated to
 * 32 bits (osquery keeps them in uint32 fields); device_alias is the device
 * with symlinks resolved (relative names against '/', as osqueryd's working
 * directory), or the device itself when that fails.
 */
export function* genMounts(ctx: QueryContext): Iterable<Row> {
  const content = readText(ctx.hostPath('/proc/mounts'));
  if (content === undefined) {
    ctx.warn('Failed to list the system mounts: could not read /proc/mounts');
    return;
  }
  const wantStats = ['blocks_size', 'blocks', 'blocks_free', 'blocks_available', 'inodes', 'inodes_free'].some((c) => ctx.isColumnUsed(c));
  const wantAlias = ctx.isColumnUsed('device_alias');
  for (const mount of parseProcMounts(content)) {
    ctx.checkDeadline();
    const stats = wantStats && mount.type !== 'autofs' ? readMountStats(ctx, mount.path) : noStats;
    yield {
      device: mount.device,
      device_alias: wantAlias ? canonicalizeDevice(ctx, mount.device) : undefined,
      path: mount.path,
      type: mount.type,
      flags: mount.flags,
      ...stats,
    };
  }
}

function readMountStats(ctx: QueryContext, path: string): MountStats {
  try {
    const s = statfsSync(ctx.hostPath(path), { bigint: true });
    const u32 = (v: bigint): number => Number(BigInt.asUintN(32, v));
    return {
      blocks_size: u32(s.bsize),
      blocks: u32(s.blocks),
      blocks_free: u32(s.bfree),
      blocks_available: u32(s.bavail),
      inodes: u32(s.files),
      inodes_free: u32(s.ffree),
    };
  } catch (err) {
    const errno = Math.abs((err as NodeJS.ErrnoException).errno ?? 0);
    ctx.warn(`statfs failed with errno ${errno} on path ${path}`);
    return noStats;
  }
}

/** realpath(device) as seen under paths.root, or the device unchanged when it does not resolve. */
function canonicalizeDevice(ctx: QueryContext, device: string): string {
  if (device === '') return device;
  try {
    const real = realpathSync(ctx.hostPath(device.startsWith('/') ? device : `/${device}`));
    return ctx.paths.root === '/' ? real : `/${relative(ctx.paths.root, real)}`;
  } catch {
    return device;
  }
}

export const mountsTable: TableImpl = {
  name: 'mounts',
  generate: genMounts,
  reads: ['/proc/mounts', 'statfs(2) of each mount point', 'realpath of each device'],
};
