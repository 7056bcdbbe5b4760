import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTriggerSources, watchTriggerSources } from './event-triggers.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

/** Resolves with each batch the watcher reports, until `count` batches arrived. */
function collect(count: number, setup: (push: (t: Set<string>) => void) => () => void): Promise<Array<string[]>> {
  return new Promise((resolve) => {
    const batches: string[][] = [];
    // The watchers do not keep the process alive (the agent's tick timer does); this stands in for it.
    const keepAlive = setInterval(() => {}, 1000);
    const close = setup((tables) => {
      batches.push([...tables].sort());
      if (batches.length === count) {
        clearInterval(keepAlive);
        close();
        resolve(batches);
      }
    });
  });
}

test('watchTriggerSources() reports one batch for a burst of writes, with the tables of every changed file', { timeout: 10_000 }, async () => {
  const dir = tempDir('wp-trig-');
  const wtmp = join(dir, 'wtmp');
  const passwd = join(dir, 'passwd');
  writeFileSync(wtmp, '');
  writeFileSync(passwd, '');
  let calls = 0;
  const batches = await collect(1, (push) => {
    const w = watchTriggerSources(
      [{ path: wtmp, tables: ['last', 'logged_in_users'] }, { path: passwd, tables: ['users'] }, { path: join(dir, 'other'), tables: ['x'] }],
      (t) => {
        calls++;
        push(t);
      },
      50,
    );
    setTimeout(() => {
      for (let i = 0; i < 5; i++) appendFileSync(wtmp, 'record');
      appendFileSync(passwd, 'alice:x:1000:1000::/home/alice:/bin/sh\n');
    }, 20);
    return () => w.close();
  });
  assert.deepEqual(batches, [['last', 'logged_in_users', 'users']]);
  assert.equal(calls, 1);
});

test('watchTriggerSources() sees a file created later and a file replaced by rename', { timeout: 10_000 }, async () => {
  const dir = tempDir('wp-trig-');
  const keys = join(dir, 'authorized_keys');
  const batches = await collect(2, (push) => {
    let seen = 0;
    const w = watchTriggerSources(
      [{ path: keys, tables: ['authorized_keys'] }],
      (tables) => {
        push(tables);
        // The replacement happens only after the creation was reported, so the two cannot merge.
        if (++seen === 1) {
          writeFileSync(`${keys}.new`, 'ssh-ed25519 BBBB c@d\n');
          renameSync(`${keys}.new`, keys);
        }
      },
      10,
    );
    setTimeout(() => writeFileSync(keys, 'ssh-ed25519 AAAA a@b\n'), 20);
    return () => w.close();
  });
  assert.deepEqual(batches, [['authorized_keys'], ['authorized_keys']]);
});

test('watchTriggerSources() treats a directory source as any change inside it, and skips missing directories', { timeout: 10_000 }, async () => {
  const dir = tempDir('wp-trig-');
  const sudoersD = join(dir, 'sudoers.d');
  mkdirSync(sudoersD);
  const batches = await collect(1, (push) => {
    const w = watchTriggerSources([{ path: sudoersD, tables: ['sudoers'] }, { path: join(dir, 'nope', 'x'), tables: ['users'] }], push, 10);
    setTimeout(() => writeFileSync(join(sudoersD, 'alice'), 'alice ALL=(ALL) ALL\n'), 20);
    return () => w.close();
  });
  assert.deepEqual(batches, [['sudoers']]);
});

test('defaultTriggerSources() maps login files to last/logged_in_users and home dirs to authorized_keys', () => {
  const sources = defaultTriggerSources(['/home/alice']);
  const tablesOf = (p: string): readonly string[] | undefined => sources.find((s) => s.path === p)?.tables;
  assert.deepEqual(tablesOf('/var/log/wtmp'), ['last', 'logged_in_users']);
  assert.deepEqual(tablesOf('/var/run/utmp'), ['last', 'logged_in_users']);
  assert.deepEqual(tablesOf('/run/utmp'), ['last', 'logged_in_users']);
  assert.ok(tablesOf('/etc/passwd')?.includes('users'));
  assert.deepEqual(tablesOf('/home/alice/.ssh/authorized_keys'), ['authorized_keys']);
  assert.deepEqual(tablesOf('/home/alice/.ssh'), ['authorized_keys']);
});

test('watchTriggerSources() sees a .ssh directory created after the watch started', { timeout: 10_000 }, async () => {
  const home = tempDir('wp-home-');
  const batches = await collect(1, (push) => {
    const w = watchTriggerSources(defaultTriggerSources([home], { utmp: join(home, 'utmp'), wtmp: join(home, 'wtmp') }).filter((s) => s.path.startsWith(home)), push, 10);
    setTimeout(() => mkdirSync(join(home, '.ssh')), 20);
    return () => w.close();
  });
  assert.deepEqual(batches, [['authorized_keys']]);
});
