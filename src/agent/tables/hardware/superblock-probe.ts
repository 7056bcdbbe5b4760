/**
 * A small stand-in for libblkid's superblock probe (TYPE, UUID, LABEL),
 * which osquery runs on every block device. It recognises the signatures
 * found on Linux hosts in practice and formats values as blkid does.
 * Everything it needs lies in the first `probeLength` bytes of a device.
 */
export interface FilesystemId {
  readonly type: string;
  readonly uuid?: string;
  readonly label?: string;
}

/** Bytes to read from the start of a device (btrfs keeps its superblock at 64 KiB). */
export const probeLength = 0x11000;

type Probe = (b: Buffer) => FilesystemId | undefined;

/** Probes in order; the first match wins. */
const probes: readonly Probe[] = [probeLuks, probeLvm2, probeMdRaid, probeXfs, probeExt, probeBtrfs, probeSwap, probeSquashfs, probeNtfs, probeVfat, probeIso9660];

/** The filesystem or container signature at the start of a device, if any is recognised. */
export function probeSuperblock(b: Buffer): FilesystemId | undefined {
  for (const probe of probes) {
    const id = probe(b);
    if (id) return id;
  }
  return undefined;
}

function has(b: Buffer, offset: number, magic: string | Buffer): boolean {
  const m = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : magic;
  return b.length >= offset + m.length && b.subarray(offset, offset + m.length).equals(m);
}

/** A NUL-padded string field, cut at the first NUL; undefined when empty. */
function cString(b: Buffer, offset: number, length: number, encoding: BufferEncoding = 'utf8'): string | undefined {
  const field = b.subarray(offset, offset + length);
  const nul = field.indexOf(0);
  const text = field.toString(encoding, 0, nul < 0 ? field.length : nul);
  return text === '' ? undefined : text;
}

/** 16 bytes as a canonical lower-case UUID; undefined when all zero (blkid omits those). */
export function formatUuid(b: Buffer, offset: number): string | undefined {
  const raw = b.subarray(offset, offset + 16);
  if (raw.length < 16 || raw.every((x) => x === 0)) return undefined;
  const h = raw.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function withOptional(type: string, uuid: string | undefined, label: string | undefined): FilesystemId {
  return { type, ...(uuid !== undefined ? { uuid } : {}), ...(label !== undefined ? { label } : {}) };
}

const luksMagic = Buffer.from([0x4c, 0x55, 0x4b, 0x53, 0xba, 0xbe]);

function probeLuks(b: Buffer): FilesystemId | undefined {
  if (!has(b, 0, luksMagic)) return undefined;
  const version = b.readUInt16BE(6);
  return withOptional('crypto_LUKS', cString(b, 168, 40, 'latin1'), version === 2 ? cString(b, 24, 48) : undefined);
}

function probeLvm2(b: Buffer): FilesystemId | undefined {
  for (let sector = 0; sector < 4; sector++) {
    const at = sector * 512;
    if (!has(b, at, 'LABELONE') || !has(b, at + 24, 'LVM2 001')) continue;
    const pvAt = at + b.readUInt32LE(at + 20);
    const id = b.toString('latin1', pvAt, pvAt + 32);
    const uuid = [id.slice(0, 6), id.slice(6, 10), id.slice(10, 14), id.slice(14, 18), id.slice(18, 22), id.slice(22, 26), id.slice(26, 32)].join('-');
    return { type: 'LVM2_member', uuid };
  }
  return undefined;
}

function probeMdRaid(b: Buffer): FilesystemId | undefined {
  // Metadata 1.1 at offset 0 and 1.2 at 4 KiB; 0.90 and 1.0 live at the end of the device.
  for (const at of [0, 4096]) {
    if (b.length < at + 64 || b.readUInt32LE(at) !== 0xa92b4efc || b.readUInt32LE(at + 4) !== 1) continue;
    return withOptional('linux_raid_member', formatUuid(b, at + 16), cString(b, at + 32, 32));
  }
  return undefined;
}

function probeXfs(b: Buffer): FilesystemId | undefined {
  if (!has(b, 0, 'XFSB')) return undefined;
  return withOptional('xfs', formatUuid(b, 32), cString(b, 108, 12));
}

const ext = { sb: 1024, compat: 0x5c, incompat: 0x60, roCompat: 0x64, uuid: 0x68, label: 0x78 } as const;

/**
 * ext2/3/4 as blkid tells them apart: a journal device is jbd; features
 * ext3 does not support make it ext4; otherwise a journal makes it ext3.
 */
function probeExt(b: Buffer): FilesystemId | undefined {
  if (b.length < ext.sb + 0x100 || b.readUInt16LE(ext.sb + 0x38) !== 0xef53) return undefined;
  const compat = b.readUInt32LE(ext.sb + ext.compat);
  const incompat = b.readUInt32LE(ext.sb + ext.incompat);
  const roCompat = b.readUInt32LE(ext.sb + ext.roCompat);
  const journalDev = 0x0008;
  const ext3Incompat = 0x0002 | 0x0004 | 0x0010; // filetype, recover, meta_bg
  const ext3RoCompat = 0x0001 | 0x0002 | 0x0004; // sparse_super, large_file, btree_dir
  let type = 'ext2';
  if (incompat & journalDev) type = 'jbd';
  else if (incompat & ~ext3Incompat || roCompat & ~ext3RoCompat) type = 'ext4';
  else if (compat & 0x0004) type = 'ext3';
  return withOptional(type, formatUuid(b, ext.sb + ext.uuid), cString(b, ext.sb + ext.label, 16));
}

function probeBtrfs(b: Buffer): FilesystemId | undefined {
  const sb = 0x10000;
  if (!has(b, sb + 0x40, '_BHRfS_M')) return undefined;
  return withOptional('btrfs', formatUuid(b, sb + 0x20), cString(b, sb + 0x12b, 256));
}

function probeSwap(b: Buffer): FilesystemId | undefined {
  for (const page of [4096, 8192, 16384, 65536]) {
    if (has(b, page - 10, 'SWAP-SPACE')) return { type: 'swap' };
    if (has(b, page - 10, 'SWAPSPACE2')) {
      return withOptional('swap', formatUuid(b, 1024 + 12), cString(b, 1024 + 28, 16));
    }
  }
  return undefined;
}

function probeSquashfs(b: Buffer): FilesystemId | undefined {
  return has(b, 0, 'hsqs') || has(b, 0, 'sqsh') ? { type: 'squashfs' } : undefined;
}

function probeNtfs(b: Buffer): FilesystemId | undefined {
  if (!has(b, 3, 'NTFS    ') || b.length < 0x50) return undefined;
  return { type: 'ntfs', uuid: b.readBigUInt64LE(0x48).toString(16).toUpperCase().padStart(16, '0') };
}

/**
 * FAT: a boot sector with a plausible BPB and a FAT type string. UUID is
 * the volume serial as XXXX-XXXX; the label is the boot sector's (blkid
 * prefers the root directory's volume entry, which normally matches).
 */
function probeVfat(b: Buffer): FilesystemId | undefined {
  if (b.length < 512 || b[510] !== 0x55 || b[511] !== 0xaa) return undefined;
  if (!(b[0] === 0xe9 || (b[0] === 0xeb && b[2] === 0x90))) return undefined;
  const sectorSize = b.readUInt16LE(11);
  const perCluster = b[13] as number;
  if (![512, 1024, 2048, 4096].includes(sectorSize) || perCluster === 0 || (perCluster & (perCluster - 1)) !== 0) return undefined;
  const fat32 = has(b, 82, 'FAT32   ');
  if (!fat32 && !['FAT12   ', 'FAT16   ', 'FAT     '].some((t) => has(b, 54, t))) return undefined;
  const serialAt = fat32 ? 67 : 39;
  const s = b.subarray(serialAt, serialAt + 4);
  const hex = (x: number | undefined): string => (x ?? 0).toString(16).toUpperCase().padStart(2, '0');
  const uuid = `${hex(s[3])}${hex(s[2])}-${hex(s[1])}${hex(s[0])}`;
  const label = b.toString('latin1', fat32 ? 71 : 43, (fat32 ? 71 : 43) + 11).trimEnd();
  return withOptional('vfat', uuid, label === '' || label === 'NO NAME' ? undefined : label);
}

/** ISO 9660: the volume identifier is the label; the creation time, as blkid prints it, is the UUID. */
function probeIso9660(b: Buffer): FilesystemId | undefined {
  const pvd = 0x8000;
  if (!has(b, pvd + 1, 'CD001')) return undefined;
  const label = b.toString('latin1', pvd + 40, pvd + 72).trimEnd();
  const t = b.toString('latin1', pvd + 813, pvd + 829);
  const uuid = /^\d{16}$/.test(t) && !/^0+$/.test(t)
    ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}-${t.slice(8, 10)}-${t.slice(10, 12)}-${t.slice(12, 14)}-${t.slice(14, 16)}`
    : undefined;
  return withOptional('iso9660', uuid, label === '' ? undefined : label);
}
