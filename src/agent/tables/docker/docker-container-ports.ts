import type { QueryContext, Row, TableImpl } from '../table.js';
import { listContainers, resolveRowId } from './container-list.js';
import { readNumber, readObjectArray, readString, type JsonObject } from './json-fields.js';

/**
 * docker_container_ports, after osquery's genContainerPorts(): one row per
 * item of each container's `Ports` in GET /containers/json?all=1 (Docker
 * lists a port published on both 0.0.0.0 and :: twice; a stopped container
 * lists none). `id = …` is passed to Docker as its id filter.
 */
export function* genDockerContainerPorts(ctx: QueryContext): Iterable<Row> {
  const list = listContainers(ctx);
  if (!list) return;
  for (const container of list.containers) yield* toPortRows(container, list.wantedIds);
}

/**
 * The rows of one container's ports. An exposed port that is not published
 * has no IP or PublicPort: host_ip is '' and host_port 0, as osquery fills them.
 */
export function toPortRows(container: JsonObject, wantedIds: readonly string[] = []): Row[] {
  const id = resolveRowId(container, wantedIds);
  return readObjectArray(container, 'Ports').map((port) => ({
    id,
    type: readString(port, 'Type'),
    port: readNumber(port, 'PrivatePort', 0),
    host_ip: readString(port, 'IP'),
    host_port: readNumber(port, 'PublicPort', 0),
  }));
}

export const dockerContainerPortsTable: TableImpl = {
  name: 'docker_container_ports',
  generate: genDockerContainerPorts,
  reads: ['Docker Engine API on paths.dockerSocket (/var/run/docker.sock): GET /containers/json?all=1'],
  needsRoot: true,
};
