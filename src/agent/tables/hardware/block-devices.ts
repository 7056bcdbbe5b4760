import type { QueryContext, Row, TableImpl } from '../table.js';
import { enumerateBlockDevices } from './block-device-tree.js';

/**
 * block_devices: one row per /sys/class/block device (`name = '/dev/x'`
 * narrows it), as osquery's Linux generator fills it. size is in
 * 512-byte sectors (sysfs `size`), block_size the logical block size;
 * type, uuid and label are the filesystem or container signature
 * (ext4, crypto_LUKS, LVM2_member, swap, …), read from the device itself
 * when run as root, else from udev's record of it.
 */
export function* genBlockDevices(ctx: QueryContext): Iterable<Row> {
  for (const d of enumerateBlockDevices(ctx, new Set(ctx.equals('name')), false)) {
    yield {
      name: d.name, parent: d.parent, vendor: d.vendor, model: d.model, serial: d.serial,
      size: d.size, block_size: d.block_size, uuid: d.uuid, type: d.type, label: d.label,
    };
  }
}

export const blockDevicesTable: TableImpl = {
  name: 'block_devices',
  generate: genBlockDevices,
  reads: ['/sys/class/block/*/{uevent,size,queue/logical_block_size,device/*,slaves}', '/dev/* superblocks (root)', '/run/udev/data/b*'],
  needsRoot: true,
};
