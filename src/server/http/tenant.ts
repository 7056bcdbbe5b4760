import { WatchpostError } from '../../core/index.js';

/** The tenant Loki uses for everything when auth is off. */
export const defaultTenant = 'fake';

const maxTenantLength = 150;
const allowedPunctuation = new Set(['!', '-', '_', '.', '*', "'", '(', ')']);

/**
 * Validates one tenant ID as Loki's `tenant.ValidTenantID` does: ASCII
 * letters, digits and `! - _ . * ' ( )`, at most 150 bytes, not `.` or `..`.
 * Errors carry Loki's text and answer 400.
 */
export function validateTenantId(id: string): string {
  if (id.length > maxTenantLength) throw new WatchpostError('ERR_API_BAD_REQUEST', `tenant ID is too long: max ${maxTenantLength} characters`);
  if (id === '.' || id === '..') throw new WatchpostError('ERR_API_BAD_REQUEST', 'tenant ID is \'.\' or \'..\'');
  for (const ch of id) {
    const c = ch.charCodeAt(0);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || allowedPunctuation.has(ch);
    if (!ok) throw new WatchpostError('ERR_API_BAD_REQUEST', `tenant ID '${id}' contains unsupported character '${ch}'`);
  }
  return id;
}

/**
 * Splits an `X-Scope-OrgID` value into tenant IDs (`a|b|c` for multi-tenant
 * queries), each validated. An empty or missing header yields `[]`.
 */
export function parseOrgIdHeader(header: string | undefined): string[] {
  if (header === undefined || header === '') return [];
  const ids = header.split('|');
  for (const id of ids) validateTenantId(id);
  return [...new Set(ids)].sort();
}
