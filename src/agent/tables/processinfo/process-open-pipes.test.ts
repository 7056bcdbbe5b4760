import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { processOpenPipesTable } from './process-open-pipes.js';
import { readProcFile } from '../lib/fs-read.js';
import { parseProcStat } from '../lib/proc.js';

const shape = {
  pid: 'NonNegativeInt', fd: 'NonNegativeInt', mode: /^(r|w|rw|-|)$/, inode: 'NonNegativeInt', type: /^(named|anonymous)$/,
  partner_pid: 'NonNegativeOrEmptyInt', partner_fd: 'NonNegativeOrEmptyInt', partner_mode: /^(r|w|rw|-|)$/,
} as const;

/** The parent pid of a live process, from /proc/<pid>/stat. */
function parentOf(pid: string): string | undefined {
  const stat = readProcFile(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : parseProcStat(stat)?.[1];
}

test('process_open_pipes pairs the two ends of a shell pipeline', async (t) => {
  // Each side reports on stderr once its end of the pipe is set up, then becomes sleep.
  const sh = spawn('sh', ['-c', '(echo >&2; exec sleep 30) | (echo >&2; exec sleep 31)'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => sh.kill());
  let ready = 0;
  for await (const chunk of sh.stderr) if ((ready += String(chunk).split('\n').length - 1) >= 2) break;
  const { rows } = runGenerator(processOpenPipesTable);
  assert.deepEqual(validateRows('process_open_pipes', rows, shape), []);
  const shPid = String(sh.pid);
  const writer = rows.find((r) => r.fd === '1' && r.partner_fd === '0' && parentOf(String(r.pid)) === shPid && parentOf(String(r.partner_pid)) === shPid);
  assert.ok(writer, 'the left side writes fd 1 into the pipe the right side reads on fd 0');
  assert.equal(writer.type, 'anonymous');
  assert.equal(writer.mode, 'w');
  assert.equal(writer.partner_mode, 'r');
  const reader = rows.find((r) => r.pid === writer.partner_pid && r.fd === '0' && r.inode === writer.inode);
  assert.deepEqual([reader?.partner_pid, reader?.partner_fd, reader?.mode], [writer.pid, '1', 'r']);
});

test('process_open_pipes finds a named pipe (FIFO) this process holds open', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-fifo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  // O_RDWR on a FIFO does not block on Linux.
  const fd = openSync(fifo, 'r+');
  t.after(() => closeSync(fd));
  const { rows } = runGenerator(processOpenPipesTable);
  const mine = rows.find((r) => r.pid === String(process.pid) && r.fd === String(fd));
  assert.deepEqual(mine, { pid: String(process.pid), fd: String(fd), mode: 'rw', inode: String(statSync(fifo).ino), type: 'named' });
});
