import { randomUUID } from 'node:crypto';
import type { QueryContext } from '../table.js';
import { readText } from '../lib/fs-read.js';

/** Values firmware ships in place of a real system UUID; osquery ignores them. */
const placeholderUuids = new Set([
  '00000000-0000-0000-0000-000000000000',
  '03000200-0400-0500-0006-000700080009',
  '03020100-0504-0706-0809-0a0b0c0d0e0f',
  '10000000-0000-8000-0040-000000000000',
]);

let generatedUuid: string | undefined;

/**
 * The host UUID shared by system_info.uuid and osquery_info.uuid: the
 * hardware UUID from /sys/class/dmi/id/product_uuid (root-only), as osquery
 * reads it, unless absent or a known placeholder. osquery then generates a
 * random UUID once and keeps it in its database; Watchpost has no database
 * here, so it derives a stable one from /etc/machine-id, and only when that
 * is missing too falls back to a random UUID kept for the life of the process.
 */
export function readHostUuid(ctx: QueryContext): string {
  const hardware = cleanHardwareUuid(readText(ctx.hostPath('/sys/class/dmi/id/product_uuid')) ?? '');
  if (hardware !== '' && !placeholderUuids.has(hardware.toLowerCase())) return hardware;
  const fromMachineId = formatMachineId(readText(ctx.hostPath('/etc/machine-id')) ?? '');
  if (fromMachineId !== undefined) return fromMachineId;
  generatedUuid ??= randomUUID();
  return generatedUuid;
}

/** osquery's cleanup of the sysfs value: newlines removed, trimmed, cut at the first NUL. */
export function cleanHardwareUuid(raw: string): string {
  const trimmed = raw.replaceAll('\n', '').trim();
  const nul = trimmed.indexOf('\0');
  return nul < 0 ? trimmed : trimmed.slice(0, nul);
}

/** A machine-id (32 hex digits) written as a UUID, or undefined when it is not one. */
export function formatMachineId(raw: string): string | undefined {
  const id = raw.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(id) || /^0+$/.test(id)) return undefined;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}
