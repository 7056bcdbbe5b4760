import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32 } from './crc32.js';
import { Spool } from './spool.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const record = (n: number) => ({ tenant: n % 2 ? 'a' : '', entries: n, lineBytes: n * 10, body: Buffer.from(`body-${n}`) });

test('crc32() matches the IEEE check value', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('Spool delivers records in order across a reopen', (t) => {
  const dir = tempDir(t);
  const a = new Spool(dir, 1 << 20);
  for (let i = 1; i <= 3; i++) assert.equal(a.append(record(i)), true);
  assert.deepEqual(a.peek(), record(1));
  a.advance();
  a.close();
  const b = new Spool(dir, 1 << 20);
  assert.deepEqual(b.peek(), record(2));
  b.advance();
  assert.deepEqual(b.peek(), record(3));
  b.advance();
  assert.equal(b.peek(), undefined);
  assert.equal(b.isEmpty, true);
  assert.equal(b.append(record(4)), true);
  assert.deepEqual(b.peek(), record(4));
  b.close();
});

test('Spool refuses a record over its bound and takes it once empty', (t) => {
  const dir = tempDir(t);
  const s = new Spool(dir, 400);
  assert.equal(s.append({ ...record(1), body: Buffer.alloc(100) }), true);
  assert.equal(s.append({ ...record(2), body: Buffer.alloc(100) }), false);
  s.peek();
  s.advance();
  assert.equal(s.append({ ...record(2), body: Buffer.alloc(100) }), true);
  s.close();
});

test('Spool cuts a torn record at the tail when it opens', (t) => {
  const dir = tempDir(t);
  const a = new Spool(dir, 1 << 20);
  a.append(record(1));
  a.close();
  const seg = readdirSync(dir).find((n) => n.endsWith('.seg')) as string;
  appendFileSync(join(dir, seg), Buffer.from([0, 0, 0, 50, 1, 2, 3]));
  const b = new Spool(dir, 1 << 20);
  b.append(record(2));
  assert.deepEqual(b.peek(), record(1));
  b.advance();
  assert.deepEqual(b.peek(), record(2));
  b.close();
});
