import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toPortRows } from './docker-container-ports.js';
import type { JsonObject } from './json-fields.js';

const id = '80f7b6169d7b00a3e6136da9e66f5b5aad0e523fff14510e5a30cf28f45f30f9';

const cases: Array<{ name: string; container: JsonObject; rows: object[] }> = [
  {
    name: 'maps a published port',
    container: { Id: id, Ports: [{ IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 15432, Type: 'tcp' }] },
    rows: [{ id, type: 'tcp', port: 5432, host_ip: '127.0.0.1', host_port: 15432 }],
  },
  {
    name: 'gives an exposed, unpublished port an empty host_ip and host_port 0',
    container: { Id: id, Ports: [{ PrivatePort: 53, Type: 'udp' }] },
    rows: [{ id, type: 'udp', port: 53, host_ip: '', host_port: 0 }],
  },
  { name: 'yields nothing for a stopped container', container: { Id: id, Ports: [] }, rows: [] },
  { name: 'yields nothing when Ports is missing or null', container: { Id: id, Ports: null }, rows: [] },
];
for (const c of cases) {
  test(`toPortRows ${c.name}`, () => assert.deepEqual(toPortRows(c.container), c.rows));
}
