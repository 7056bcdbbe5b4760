import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Symlinks the systemd fixture needs (git keeps none): path → target, relative targets stay under the root. */
const links: ReadonlyArray<readonly [string, string]> = [
  ['etc/systemd/system/sshd.service', '../../../lib/systemd/system/ssh.service'],
  ['etc/systemd/system/multi-user.target.wants/ssh.service', '../../../../lib/systemd/system/ssh.service'],
  ['etc/systemd/system/getty.target.wants/getty@tty1.service', '../../../../lib/systemd/system/getty@.service'],
  ['etc/systemd/system/old.service', '/dev/null'],
  ['etc/systemd/system/linked.service', '../../../opt/units/linked.service'],
  ['etc/systemd/system/ghost.service', '../../../nonexistent.service'],
  ['lib/systemd/system/autovt@.service', 'getty@.service'],
  ['usr/lib/systemd/system', '../../../lib/systemd/system'],
];

/**
 * Copies testdata/systemd to a temporary root and adds the symlinks of a
 * real unit tree: an alias, enablement links, a mask, a linked unit, a
 * dangling link, a template alias and /usr/lib/systemd/system pointing at
 * /lib/systemd/system. `withManager` adds /run/systemd/system, the sign of
 * a running systemd. Returns the root; the caller removes it. For tests.
 */
export function createSystemdFixture(options: { withManager?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-systemd-'));
  cpSync(join(import.meta.dirname, 'testdata/systemd'), root, { recursive: true });
  for (const [path, target] of links) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
  if (options.withManager) mkdirSync(join(root, 'run/systemd/system'), { recursive: true });
  return root;
}
