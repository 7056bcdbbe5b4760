import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { WatchpostError } from '../core/index.js';
import { createStore } from './create-store.js';
import { allLines, makeTempDir, unlimited } from './testdata/store-fixtures.js';

/** Mounts a 2 MiB tmpfs (needs root); returns undefined when mounting is not permitted here. */
function mountTmpfs(dir: string): (() => void) | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return () => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
}

/** Appends to `path` until the file system refuses (ENOSPC), 4 KiB at a time. */
async function fillUp(path: string): Promise<void> {
  const block = Buffer.alloc(4096);
  for (let i = 0; i < 1024; i++) {
    try {
      await appendFile(path, block);
    } catch {
      return;
    }
  }
}

test('disk full: pushes fail with ERR_STORE_WRITE, nothing unwritten is visible, pushes work again once space returns', async (t) => {
  const tmp = await makeTempDir('wp-diskfull-');
  const mnt = join(tmp.dir, 'mnt');
  await mkdir(mnt);
  const unmount = mountTmpfs(mnt);
  if (unmount === undefined) {
    t.skip('cannot mount a tmpfs here (not root, or mount not permitted)');
    await tmp.cleanup();
    return;
  }
  try {
    const dataDir = join(mnt, 'data');
    const options = { dataDir, limits: unlimited, maxChunkBytes: 32 * 1024, walSegmentBytes: 64 * 1024 };
    let store = await createStore(options);
    // Leave ~300 KiB free.
    await writeFile(join(mnt, 'filler'), Buffer.alloc(2 * 1024 * 1024 - 300 * 1024)).catch(() => undefined);
    const acked: string[] = [];
    let failure: unknown;
    const baseNs = BigInt(Date.now()) * 1_000_000n;
    let n = 0;
    for (let i = 0; i < 2000 && failure === undefined; i++) {
      const lines = Array.from({ length: 10 }, (_, k) => `push ${i} entry ${k} ${'d'.repeat(200)}`);
      // Concurrent pushes: failures must reject every push of the failed group.
      const results = await Promise.allSettled(
        [0, 1].map((w) => store.push('fake', [{ labels: { app: `w${w}` }, entries: lines.map((line) => ({ tsNs: baseNs + BigInt(n++), line: `${line} w${w}` })) }])),
      );
      results.forEach((r, w) => {
        if (r.status === 'fulfilled') acked.push(...lines.map((l) => `${l} w${w}`));
        else failure = r.reason;
      });
    }
    assert.ok(failure instanceof WatchpostError, `expected a write failure, got ${String(failure)}`);
    assert.equal(failure.code, 'ERR_STORE_WRITE');
    assert.deepEqual((await allLines(store)).sort(), acked.slice().sort(), 'visible lines must be exactly the acknowledged ones');
    // Still full: another push fails and changes nothing. (What a failed write or flush gave back is
    // taken again first: the push must meet a full disk, not the few KiB freed since.)
    await fillUp(join(mnt, 'filler-2'));
    await assert.rejects(store.push('fake', [{ labels: { app: 'w0' }, entries: [{ tsNs: baseNs + BigInt(n++), line: `x ${'y'.repeat(4000)}` }] }]), { code: 'ERR_STORE_WRITE' });
    await rm(join(mnt, 'filler'));
    await rm(join(mnt, 'filler-2'));
    await store.push('fake', [{ labels: { app: 'w0' }, entries: [{ tsNs: baseNs + BigInt(n++), line: 'after space returned' }] }]);
    acked.push('after space returned');
    assert.deepEqual((await allLines(store)).sort(), acked.slice().sort());
    await store.close();
    store = await createStore(options);
    assert.deepEqual((await allLines(store)).sort(), acked.slice().sort(), 'after reopen');
    await store.close();
  } finally {
    unmount();
    await tmp.cleanup();
  }
});
