import type { QueryContext, Row, TableImpl } from '../table.js';
import { readLink } from '../lib/fs-read.js';
import { listContainers, resolveRowId } from './container-list.js';
import { getDockerJson } from './docker-api.js';
import { isJsonObject, readBool, readNumber, readObject, readString, readStringArray, type JsonObject } from './json-fields.js';

/** The namespaces osquery reads from /proc/<pid>/ns (kUserNamespaceList); column = kind + "_namespace". */
const namespaceKinds = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts'] as const;
const namespaceColumns = namespaceKinds.map((k) => `${k}_namespace`);

/** Columns filled from GET /containers/<id>/json; without any of them no inspect call is made. */
const inspectColumns = [
  'pid', 'path', 'config_entrypoint', 'started_at', 'finished_at', 'privileged',
  'security_options', 'env_variables', 'readonly_rootfs', ...namespaceColumns,
];

/**
 * docker_containers, after osquery's genContainers(): one row per container
 * of GET /containers/json?all=1, completed from GET /containers/<id>/json
 * and the namespace links of the container's init process. `id = …` is
 * passed to Docker as its id filter; `name = …` skips other containers
 * before they are inspected (names keep Docker's leading '/').
 */
export function* genDockerContainers(ctx: QueryContext): Iterable<Row> {
  const list = listContainers(ctx);
  if (!list) return;
  const names = new Set(ctx.equals('name'));
  const inspect = inspectColumns.some((c) => ctx.isColumnUsed(c));
  const namespaces = namespaceColumns.some((c) => ctx.isColumnUsed(c));
  let stalled = false;
  for (const container of list.containers) {
    ctx.checkDeadline();
    const row = toContainerRow(container, list.wantedIds);
    if (names.size > 0 && !names.has(String(row.name))) continue;
    if (!inspect || stalled) {
      yield row;
      continue;
    }
    const res = getDockerJson(ctx, `/containers/${encodeURIComponent(readString(container, 'Id'))}/json?stream=false`);
    if (!res.ok || !isJsonObject(res.json)) {
      // A container removed since the list answers 404: nothing to report.
      if (!res.ok && res.status !== 404) ctx.warn(`Failed to retrieve the inspect data for container ${row.id}: ${res.message}`);
      if (!res.ok && res.timedOut) stalled = true;
      yield row;
      continue;
    }
    const details = toInspectColumns(res.json, String(row.state));
    const pid = Number(details.pid);
    yield { ...row, ...details, ...(namespaces && pid > 0 ? readNamespaces(ctx, pid) : {}) };
  }
}

/** The columns a /containers/json item fills (osquery: id, name, image_id, image, command, created, state, status). */
export function toContainerRow(container: JsonObject, wantedIds: readonly string[] = []): Record<string, string | number> {
  const imageId = readString(container, 'ImageID');
  return {
    id: resolveRowId(container, wantedIds),
    name: readStringArray(container, 'Names')[0] ?? '',
    image: readString(container, 'Image'),
    image_id: imageId.startsWith('sha256:') ? imageId.slice('sha256:'.length) : imageId,
    command: readString(container, 'Command'),
    created: readNumber(container, 'Created', 0),
    state: readString(container, 'State'),
    status: readString(container, 'Status'),
  };
}

/**
 * The columns an inspect answer fills. Lists are joined with ", "; a JSON
 * null list is ''. finished_at is '' while the container runs (Docker
 * reports the zero time "0001-01-01T00:00:00Z" then).
 */
export function toInspectColumns(details: JsonObject, listState: string): Record<string, string | number> {
  const state = readObject(details, 'State');
  const hostConfig = readObject(details, 'HostConfig');
  const config = readObject(details, 'Config');
  return {
    pid: readNumber(state, 'Pid', -1),
    path: readString(details, 'Path'),
    config_entrypoint: readStringArray(config, 'Entrypoint').join(', '),
    started_at: readString(state, 'StartedAt'),
    finished_at: listState === 'running' ? '' : readString(state, 'FinishedAt'),
    privileged: readBool(hostConfig, 'Privileged') ? 1 : 0,
    security_options: readStringArray(hostConfig, 'SecurityOpt').join(', '),
    env_variables: readStringArray(config, 'Env').join(', '),
    readonly_rootfs: readBool(hostConfig, 'ReadonlyRootfs') ? 1 : 0,
  };
}

/**
 * The namespace inode numbers of a process, from /proc/<pid>/ns/<kind>
 * links of the form "<kind>:[<inode>]" (osquery procGetNamespaceInode);
 * a link that cannot be read or parsed leaves its column empty.
 */
export function readNamespaces(ctx: QueryContext, pid: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of namespaceKinds) {
    const target = readLink(ctx.hostPath(`/proc/${pid}/ns/${kind}`));
    const inode = target.startsWith(`${kind}:[`) ? /^(\d+)\]/.exec(target.slice(kind.length + 2))?.[1] : undefined;
    if (inode !== undefined && BigInt(inode) > 0n) out[`${kind}_namespace`] = inode;
  }
  return out;
}

export const dockerContainersTable: TableImpl = {
  name: 'docker_containers',
  generate: genDockerContainers,
  reads: [
    'Docker Engine API on paths.dockerSocket (/var/run/docker.sock): GET /containers/json?all=1, GET /containers/<id>/json',
    '/proc/<pid>/ns/{cgroup,ipc,mnt,net,pid,user,uts}',
  ],
  needsRoot: true,
};
