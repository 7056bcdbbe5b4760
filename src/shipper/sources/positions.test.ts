import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isErrorCode } from '../../core/index.js';
import { Positions } from './positions.js';

function tempFile(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'sub', 'positions.yaml');
}

test('Positions writes promtail\'s format (offsets as strings, mode 0600) and reads it back', (t) => {
  const file = tempFile(t);
  const p = new Positions(file);
  p.set('/var/log/b.log', '20');
  p.set('/var/log/a.log', '123456');
  p.set('journal-systemd', 's=abc;i=1');
  p.save();
  assert.equal(readFileSync(file, 'utf8'), 'positions:\n  /var/log/a.log: "123456"\n  /var/log/b.log: "20"\n  journal-systemd: "s=abc;i=1"\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const q = new Positions(file);
  assert.equal(q.get('/var/log/a.log'), '123456');
  assert.equal(q.get('journal-systemd'), 's=abc;i=1');
});

test('Positions reads a file written by promtail', (t) => {
  const file = tempFile(t);
  const p0 = new Positions(file);
  p0.set('x', '1');
  p0.save();
  writeFileSync(file, 'positions:\n  /var/log/osquery/osqueryd.results.log: "4096"\n');
  assert.equal(new Positions(file).get('/var/log/osquery/osqueryd.results.log'), '4096');
});

test('Positions refuses a corrupt file unless ignore_invalid_yaml', (t) => {
  const file = tempFile(t);
  const p0 = new Positions(file);
  p0.set('x', '1');
  p0.save();
  writeFileSync(file, 'positions: [\n');
  assert.throws(() => new Positions(file), (err: unknown) => isErrorCode(err, 'ERR_CONFIG_INVALID') && err.message.startsWith('invalid yaml positions file'));
  assert.equal(new Positions(file, { ignoreInvalidYaml: true }).keys().length, 0);
});
