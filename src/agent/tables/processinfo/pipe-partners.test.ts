import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairPipeEnds, type PipeEnd } from './pipe-partners.js';

const end = (pid: string, fd: string, mode: string, inode: string, type: PipeEnd['type'] = 'anonymous'): PipeEnd => ({ pid, fd, mode, inode, type });
const brief = (rows: ReturnType<typeof pairPipeEnds>): string[] =>
  rows.map((r) => `${r.pid}:${r.fd}:${r.mode}` + (r.partner_pid === undefined ? '' : ` -> ${r.partner_pid}:${r.partner_fd}:${r.partner_mode}`));

const cases: Array<{ name: string; ends: PipeEnd[]; expected: string[] }> = [
  {
    name: 'pairs a writer and a reader both ways',
    ends: [end('10', '1', 'w', '500'), end('20', '0', 'r', '500')],
    expected: ['10:1:w -> 20:0:r', '20:0:r -> 10:1:w'],
  },
  {
    name: 'gives an end no one else holds one row without partner',
    ends: [end('10', '3', 'w', '501')],
    expected: ['10:3:w'],
  },
  {
    name: 'does not pair two readers',
    ends: [end('10', '0', 'r', '502'), end('20', '0', 'r', '502')],
    expected: [],
  },
  {
    name: 'pairs a read-write end with every other end, even one of the same mode',
    ends: [end('10', '4', 'rw', '503', 'named'), end('20', '5', 'rw', '503', 'named'), end('30', '0', 'r', '503', 'named')],
    expected: ['10:4:rw -> 20:5:rw', '10:4:rw -> 30:0:r', '20:5:rw -> 10:4:rw', '20:5:rw -> 30:0:r', '30:0:r -> 10:4:rw', '30:0:r -> 20:5:rw'],
  },
  {
    name: 'pairs two ends in one process',
    ends: [end('10', '3', 'r', '504'), end('10', '4', 'w', '504')],
    expected: ['10:3:r -> 10:4:w', '10:4:w -> 10:3:r'],
  },
  {
    name: 'pairs a writer with each of two readers (a shared pipe after fork)',
    ends: [end('10', '1', 'w', '505'), end('20', '0', 'r', '505'), end('21', '0', 'r', '505')],
    expected: ['10:1:w -> 20:0:r', '10:1:w -> 21:0:r', '20:0:r -> 10:1:w', '21:0:r -> 10:1:w'],
  },
];

for (const c of cases) {
  test(`pairPipeEnds ${c.name}`, () => {
    assert.deepEqual(brief(pairPipeEnds(c.ends)), c.expected);
  });
}

test('pairPipeEnds keeps inode and type on partner rows', () => {
  const [row] = pairPipeEnds([end('10', '1', 'w', '506', 'named'), end('20', '0', 'r', '506', 'named')]);
  assert.deepEqual(row, { pid: '10', fd: '1', mode: 'w', inode: '506', type: 'named', partner_pid: '20', partner_fd: '0', partner_mode: 'r' });
});
