import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { WatchpostError } from '../../core/index.js';
import type { LoadedNamespace } from '../manager.js';
import { validateGroup } from '../rule-file.js';

/** A response of the Loki rules API: status, content type and body. */
export interface RulesApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const accepted: RulesApiResponse = {
  status: 202,
  contentType: 'application/json',
  body: JSON.stringify({ status: 'success', data: null, errorType: '', error: '' }),
};

function notFound(text: string): RulesApiResponse {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
}

function badRequest(text: string): RulesApiResponse {
  return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
}

/**
 * GET /loki/api/v1/rules[/{namespace}[/{group}]] (loki-http-api.md §9): YAML of
 * namespace → groups as written, or Loki's 404 texts.
 */
export function renderLokiRules(namespaces: readonly LoadedNamespace[], tenant: string, namespace?: string, group?: string): RulesApiResponse {
  const own = namespaces.filter((ns) => ns.tenant === tenant && (namespace === undefined || ns.namespace === namespace));
  if (group !== undefined) {
    const found = own[0]?.groups.find((g) => g.name === group);
    if (!found) return notFound('group does not exist');
    return { status: 200, contentType: 'application/yaml', body: stringify(found.source) };
  }
  const map: Record<string, unknown[]> = {};
  for (const ns of own) if (ns.groups.length > 0) map[ns.namespace] = ns.groups.map((g) => g.source);
  if (Object.keys(map).length === 0) return notFound('no rule groups found');
  return { status: 200, contentType: 'application/yaml', body: stringify(map) };
}

/** Rejects namespace and group names that would leave the tenant's folder. */
export function checkPathSegment(segment: string, what: 'namespace' | 'group'): RulesApiResponse | undefined {
  if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\\') || segment.includes('\0')) {
    return badRequest(`invalid ${what}: path traversal not allowed`);
  }
  return undefined;
}

/**
 * POST /loki/api/v1/rules/{namespace}: validates the YAML group and writes it
 * into `<rulesDir>/<tenant>/<namespace>` (replacing a group of the same name).
 * The caller reloads the manager afterwards.
 */
export function writeRuleGroup(rulesDir: string, tenant: string, namespace: string, body: string): RulesApiResponse {
  const bad = checkPathSegment(namespace, 'namespace') ?? checkPathSegment(tenant, 'namespace');
  if (bad) return bad;
  let raw: unknown;
  try {
    raw = parse(body);
  } catch {
    return badRequest('unable to decoded rule group');
  }
  let group;
  try {
    group = validateGroup(raw);
  } catch (err) {
    return badRequest((err as Error).message.split('\n').join(', '));
  }
  const file = join(rulesDir, tenant, namespace);
  const groups = readGroups(file).filter((g) => (g as { name?: unknown }).name !== group.name);
  groups.push(group.source);
  writeGroups(file, groups);
  return accepted;
}

/** DELETE /loki/api/v1/rules/{namespace}[/{group}]. */
export function deleteRules(rulesDir: string, tenant: string, namespace: string, group?: string): RulesApiResponse {
  const bad = checkPathSegment(namespace, 'namespace') ?? (group === undefined ? undefined : checkPathSegment(group, 'group'));
  if (bad) return bad;
  const file = join(rulesDir, tenant, namespace);
  if (group === undefined) {
    rmSync(file, { force: true });
    return accepted;
  }
  const groups = readGroups(file);
  const remaining = groups.filter((g) => (g as { name?: unknown }).name !== group);
  if (remaining.length === groups.length) return notFound('group does not exist');
  if (remaining.length === 0) rmSync(file, { force: true });
  else writeGroups(file, remaining);
  return accepted;
}

function readGroups(file: string): unknown[] {
  try {
    const doc = parse(readFileSync(file, 'utf8')) as { groups?: unknown[] } | null;
    return Array.isArray(doc?.groups) ? doc.groups : [];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new WatchpostError('ERR_RULER_RULE_INVALID', `${file}: ${(err as Error).message}`);
  }
}

function writeGroups(file: string, groups: unknown[]): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.tmp`, stringify({ groups }));
  renameSync(`${file}.tmp`, file);
}
