import type { QueryContext, Row, TableImpl } from '../table.js';
import { listDir } from '../lib/fs-read.js';
import { enumerateBlockDevices, readDeviceHead, type BlockDevice } from './block-device-tree.js';
import { luksHeaderLength, parseLuksCipher } from './luks-header.js';
import { readAttr } from './sysfs.js';

const encrypted = 'encrypted';
const notEncrypted = 'not encrypted';

interface Status {
  readonly encrypted: string;
  readonly type: string;
  readonly encryption_status: string;
}

/**
 * disk_encryption on Linux, after osquery's libcryptsetup-based generator:
 * one row per block device (the wanted ones and their ancestors).
 *
 * A device is encrypted when it is a device-mapper device that
 * cryptsetup created for a crypt or verity target, which is what
 * crypt_status() reports as active; sysfs shows this as a dm/uuid starting
 * with CRYPT- (CRYPT-INTEGRITY- and CRYPT-SUBDEV- are integrity targets,
 * not counted). type is what osquery's bundled libcryptsetup 1.7.5 gives,
 * "<type>-<cipher>-<mode>": LUKS1-aes-xts-plain64 from the LUKS1 header;
 * for LUKS2, a type 1.7.5 does not know, just aes-xts-plain64 (read here
 * from the LUKS2 header's segment); PLAIN, LOOPAES, TCRYPT and VERITY show
 * only the type because their cipher lives in the kernel's dm table, which
 * sysfs does not expose. Other devices inherit their parent's status, so
 * an LVM volume inside a LUKS container reads encrypted.
 *
 * As in osquery the table is empty unless run as root.
 */
export function* genDiskEncryption(ctx: QueryContext): Iterable<Row> {
  if (!isRoot()) return;
  const devices = enumerateBlockDevices(ctx, new Set(ctx.equals('name')), true);
  const byName = new Map(devices.map((d) => [d.name, d]));
  const statuses = new Map<string, Status>();
  const statusOf = (device: BlockDevice): Status => {
    let status = statuses.get(device.name);
    if (status) return status;
    status = dmCryptStatus(ctx, device);
    if (!status) {
      const parent = byName.get(device.parent);
      status = parent ? statusOf(parent) : { encrypted: '0', type: '', encryption_status: notEncrypted };
    }
    statuses.set(device.name, status);
    return status;
  };
  for (const device of devices) {
    ctx.checkDeadline();
    yield { name: device.name, uuid: device.uuid, ...statusOf(device) };
  }
}

/** The status of an active cryptsetup mapping, or undefined when the device is not one. */
function dmCryptStatus(ctx: QueryContext, device: BlockDevice): Status | undefined {
  const uuid = readAttr(`${device.sysPath}/dm/uuid`) ?? '';
  const kind = cryptsetupKind(uuid);
  if (kind === undefined) return undefined;
  return { encrypted: '1', type: cryptTypeLabel(kind, () => readBackingHeader(ctx, device)), encryption_status: encrypted };
}

/**
 * The device type cryptsetup put in a dm uuid ("CRYPT-LUKS2-<hex>-<name>"
 * → LUKS2), or undefined when the uuid is not one of cryptsetup's crypt or
 * verity mappings.
 */
export function cryptsetupKind(dmUuid: string): string | undefined {
  const m = /^CRYPT-([A-Z0-9]+)(-|$)/.exec(dmUuid);
  if (!m || m[1] === 'INTEGRITY' || m[1] === 'SUBDEV') return undefined;
  return m[1];
}

/** osquery's type column for a mapping of this kind, given a reader for the backing device's LUKS header. */
export function cryptTypeLabel(kind: string, readHeader: () => Buffer | undefined): string {
  if (kind === 'LUKS1' || kind === 'LUKS2') {
    const luks = parseLuksCipher(readHeader() ?? Buffer.alloc(0));
    const cipher = luks ? [luks.cipher, luks.mode] : [];
    return (kind === 'LUKS1' ? ['LUKS1', ...cipher] : cipher).join('-');
  }
  return ['PLAIN', 'LOOPAES', 'TCRYPT', 'VERITY'].includes(kind) ? kind : '';
}

/** The start of the device under a dm mapping (its slaves/ entry), where a LUKS header lives. */
function readBackingHeader(ctx: QueryContext, device: BlockDevice): Buffer | undefined {
  const backing = listDir(`${device.sysPath}/slaves`)[0];
  return backing === undefined ? undefined : readDeviceHead(ctx.hostPath('/dev/' + backing), luksHeaderLength);
}

function isRoot(): boolean {
  return process.geteuid?.() === 0 && process.getuid?.() === 0;
}

export const diskEncryptionTable: TableImpl = {
  name: 'disk_encryption',
  generate: genDiskEncryption,
  reads: ['/sys/class/block/*', '/sys/block/dm-*/dm/uuid', 'LUKS headers of /dev/<backing device>', 'superblocks of /dev/*'],
  needsRoot: true,
};
