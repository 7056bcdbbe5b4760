import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The /proc symlinks of the fixture host (fd and ns links). They are made at
 * test time because most point nowhere, and a dangling link in the source
 * tree would break tools that walk it.
 */
const procLinks: Readonly<Record<string, string>> = {
  'proc/1/fd/0': '/dev/null',
  'proc/1/fd/1': 'socket:[31337]',
  'proc/1/fd/2': 'pipe:[4242]',
  'proc/1/fd/3': 'anon_inode:[eventpoll]',
  'proc/1/fd/4': '/var/log/app.log (deleted)',
  'proc/1/fd/5': '/tmp/a pipe:named',
  'proc/1/fd/7': '/etc/hosts',
  'proc/1/fd/10': '/dev/pts/0',
  'proc/1/ns/cgroup': 'cgroup:[4026531835]',
  'proc/1/ns/ipc': 'ipc:[4026531839]',
  'proc/1/ns/mnt': 'mnt:[4026531841]',
  'proc/1/ns/net': 'net:[4026531840]',
  'proc/1/ns/pid': 'pid:[4026531836]',
  'proc/1/ns/pid_for_children': 'pid:[4026531836]',
  'proc/1/ns/time': 'time:[4026531834]',
  'proc/1/ns/user': 'user:[4026531837]',
  'proc/1/ns/uts': 'uts:[4026531838]',
  // Malformed or foreign links osquery rejects.
  'proc/100/ns/net': 'net:[4026532281]',
  'proc/100/ns/ipc': 'net:[4026532282]',
  'proc/100/ns/uts': 'uts:[0]',
  'proc/100/ns/mnt': 'mnt:[4026532280]trailing',
  'proc/100/ns/pid': 'pid:[]',
};

export interface FakeHost {
  /** Use as paths.root. */
  readonly root: string;
  remove(): void;
}

/** A copy of testdata/host with its /proc links, in a fresh temporary directory. For tests. */
export function createFakeHost(): FakeHost {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-processinfo-'));
  cpSync(fileURLToPath(new URL('./testdata/host', import.meta.url)), root, { recursive: true });
  for (const [path, target] of Object.entries(procLinks)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
