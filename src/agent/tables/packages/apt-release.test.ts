import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAptRelease } from './apt-release.js';
import { fixtureRoot } from './testdata/golden.js';

test('parseAptRelease reads the header of an InRelease file and stops at the signature', () => {
  const content = readFileSync(join(fixtureRoot, 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease'), 'utf8');
  assert.deepEqual(parseAptRelease(content), {
    maintainer: 'Debian',
    version: '12.11',
    release: 'bookworm',
    architectures: 'all amd64 arm64',
    components: 'main contrib non-free-firmware non-free',
  });
});

test('parseAptRelease ignores values containing a colon and field names in another case', () => {
  assert.deepEqual(parseAptRelease('Origin: http://x\ncodename: lower\nVersion:\nComponents: main\n'), { components: 'main' });
});
