import type { QueryContext } from '../table.js';
import { getDockerJson } from './docker-api.js';
import { isJsonObject, readString, type JsonObject } from './json-fields.js';

/** The containers a query asked for, as the Docker Engine listed them. */
export interface ContainerList {
  /** Items of GET /containers/json (ContainerSummary objects). */
  readonly containers: readonly JsonObject[];
  /** The `id = …` values passed to Docker as a filter (hex, ≤ 64 chars, as the query wrote them); empty without a filter. */
  readonly wantedIds: readonly string[];
}

/**
 * The usable `id = …` values. osquery (checkConstraintValue)
 * drops values longer than 64 characters or with a non-hex character: no
 * container id can equal them. The empty string is dropped too (osquery
 * would send it, match every container and report '' as every id).
 */
export function selectIdFilter(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => /^[0-9a-fA-F]{1,64}$/.test(v)))];
}

/**
 * The list URI osquery's getContainers() requests: every container, running
 * or not, narrowed by Docker's `id` filter when ids are given, encoded as
 * filters={"id":{"<id>":true,…}}. Ids are lower-cased, as Docker writes them
 * and matches them case-sensitively.
 */
export function buildContainersUri(ids: readonly string[]): string {
  if (ids.length === 0) return '/containers/json?all=1';
  const filter = { id: Object.fromEntries(ids.map((id) => [id.toLowerCase(), true])) };
  return `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify(filter))}`;
}

/**
 * The id a row reports, after osquery's getValue(): a "sha256:" prefix is
 * dropped, and when the query asked for an id prefix of this container
 * (Docker filters ids by substring) the row reports that prefix, so
 * `WHERE id = '<short id>'` matches as `docker ps` ids do. The comparison
 * ignores case, as the column's NOCASE collation does.
 */
export function resolveRowId(container: JsonObject, wantedIds: readonly string[]): string {
  let id = readString(container, 'Id');
  if (id.startsWith('sha256:')) id = id.slice('sha256:'.length);
  const lower = id.toLowerCase();
  return wantedIds.find((w) => lower.startsWith(w.toLowerCase())) ?? id;
}

/**
 * Lists the containers for a docker_* table, narrowed by the query's
 * `id = …` constraints. Returns undefined when the daemon cannot be asked
 * (the table then has no rows): a missing socket is silent, any other
 * failure is one warning, as osquery logs it.
 */
export function listContainers(ctx: QueryContext): ContainerList | undefined {
  const asked = ctx.equals('id');
  const wantedIds = selectIdFilter(asked);
  // Only impossible ids were asked for: no container can match.
  if (asked.length > 0 && wantedIds.length === 0) return { containers: [], wantedIds };
  const res = getDockerJson(ctx, buildContainersUri(wantedIds));
  if (!res.ok) {
    if (!res.absent) ctx.warn(`Error getting docker containers: ${res.message}`);
    return undefined;
  }
  if (!Array.isArray(res.json)) {
    ctx.warn('Error getting docker containers: the answer is not a JSON array');
    return undefined;
  }
  return { containers: res.json.filter(isJsonObject), wantedIds };
}
