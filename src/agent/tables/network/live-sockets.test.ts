import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createSqlEngine, type SqlEngine } from '../../index.js';
import { processOpenSocketsTable } from './process-open-sockets.js';
import { listeningPortsTable } from './listening-ports.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

/** A child that listens on TCP and binds UDP on 127.0.0.1, prints its ports, and lives until its stdin closes. */
const childScript = `
const net = require('node:net');
const dgram = require('node:dgram');
const server = net.createServer().listen({ host: '127.0.0.1', port: 0 }, () => {
  const udp = dgram.createSocket('udp4');
  udp.bind({ address: '127.0.0.1', port: 0 }, () => {
    process.stdout.write(JSON.stringify({ tcp: server.address().port, udp: udp.address().port }) + '\\n');
  });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

let child: ChildProcess;
let ports: { tcp: number; udp: number };
let pid: string;
let engine: SqlEngine;

before(async () => {
  child = spawn(process.execPath, ['-e', childScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  ports = JSON.parse(line) as { tcp: number; udp: number };
  pid = String(child.pid);
  engine = await createSqlEngine();
});

after(async () => {
  child.stdin?.end();
  child.kill();
  await engine.close();
});

async function rowsOf(sql: string): Promise<Array<Record<string, string | null>>> {
  const [result] = await engine.query(sql);
  assert.ok(result, `no result for ${sql}`);
  return result.rows.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])));
}

test('listening_ports shows the child process TCP listener and bound UDP socket', async () => {
  const rows = await rowsOf(`select pid, port, protocol, family, address, fd, socket from listening_ports where pid = ${pid}`);
  const brief = rows.map((r) => `${r.pid} ${r.family}/${r.protocol} ${r.address}:${r.port}`);
  assert.ok(brief.includes(`${pid} 2/6 127.0.0.1:${ports.tcp}`), `TCP listener in ${JSON.stringify(brief)}`);
  assert.ok(brief.includes(`${pid} 2/17 127.0.0.1:${ports.udp}`), `UDP socket in ${JSON.stringify(brief)}`);
  assert.ok(rows.every((r) => /^\d+$/.test(r.fd ?? '') && /^[1-9]\d*$/.test(r.socket ?? '')), 'fd and inode of the holder');
});

test('process_open_sockets with pid = N returns the child sockets with TCP state', async () => {
  const rows = await rowsOf(`select pid, fd, socket, family, protocol, local_address, local_port, remote_port, state, net_namespace from process_open_sockets where pid = ${pid}`);
  assert.ok(rows.length >= 2);
  assert.ok(rows.every((r) => r.pid === pid), 'the pid filter keeps only the child');
  const tcp = rows.find((r) => r.protocol === '6' && r.local_port === String(ports.tcp));
  assert.deepEqual([tcp?.local_address, tcp?.remote_port, tcp?.state], ['127.0.0.1', '0', 'LISTEN']);
  const udp = rows.find((r) => r.protocol === '17' && r.local_port === String(ports.udp));
  assert.deepEqual([udp?.local_address, udp?.state], ['127.0.0.1', '']);
  assert.match(tcp?.net_namespace ?? '', /^\d+$/);
});

test('the seed query joins processes and listening_ports and includes the child', async () => {
  const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  const [result] = await engine.query('select p.name, l.port, l.protocol from processes p inner join listening_ports l on p.pid = l.pid where l.port <> 0;');
  assert.deepEqual(result?.columns, ['name', 'port', 'protocol']);
  assert.ok(
    result?.rows.some((r) => r[0] === name && r[1] === String(ports.tcp) && r[2] === '6'),
    `expected [${name}, ${ports.tcp}, 6] among ${JSON.stringify(result?.rows)}`,
  );
  assert.ok(result?.rows.some((r) => r[0] === name && r[1] === String(ports.udp) && r[2] === '17'));
});

test('process_open_sockets and listening_ports on this host have osquery column shapes', () => {
  const sockets = runGenerator(processOpenSocketsTable).rows;
  assert.ok(sockets.length > 0);
  assert.deepEqual(
    validateRows('process_open_sockets', sockets, {
      pid: 'Int', fd: 'Int', socket: 'NonNegativeInt', family: /^(1|2|10|17)$/, protocol: 'NonNegativeInt',
      local_address: 'String', remote_address: 'String', local_port: 'NonNegativeInt', remote_port: 'NonNegativeInt',
      path: 'String', state: /^(|NONE|UNKNOWN|ESTABLISHED|SYN_SENT|SYN_RECV|FIN_WAIT1|FIN_WAIT2|TIME_WAIT|CLOSED|CLOSE_WAIT|LAST_ACK|LISTEN|CLOSING)$/,
      net_namespace: 'NonNegativeInt',
    }),
    [],
  );
  const ports = runGenerator(listeningPortsTable).rows;
  assert.ok(ports.length > 0);
  assert.deepEqual(
    validateRows('listening_ports', ports, {
      pid: 'Int', port: 'NonNegativeInt', protocol: 'NonNegativeInt', family: /^(1|2|10|17)$/, address: 'String',
      fd: 'Int', socket: 'NonNegativeInt', path: 'String', net_namespace: 'NonNegativeInt',
    }),
    [],
  );
});
