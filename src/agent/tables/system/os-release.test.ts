import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseOsRelease, parseRedhatRelease } from './os-release.js';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/os-release/${name}`, import.meta.url), 'utf8');

const fileCases = [
  {
    file: 'debian-12',
    expected: { name: 'Debian GNU/Linux', version: '12 (bookworm)', major: '12', codename: 'bookworm', platform: 'debian' },
  },
  {
    file: 'ubuntu-22.04',
    expected: {
      name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '04', codename: 'jammy', platform: 'ubuntu',
      platform_like: 'debian',
    },
  },
  {
    file: 'centos-7',
    expected: { name: 'CentOS Linux', version: '7 (Core)', platform: 'centos', platform_like: 'rhel fedora', major: '7' },
  },
  {
    file: 'alpine-3.19',
    expected: { name: 'Alpine Linux', platform: 'alpine', major: '3', minor: '19', patch: '1' },
  },
];
for (const c of fileCases) {
  test(`parseOsRelease reads ${c.file}`, () => {
    assert.deepEqual(parseOsRelease(fixture(c.file)), c.expected);
  });
}

const lineCases = [
  { name: 'patch keeps further dots', text: 'VERSION_ID=1.2.3.4', expected: { major: '1', minor: '2', patch: '3.4' } },
  { name: 'a later *CODENAME key wins', text: 'VERSION_CODENAME=a\nDEBIAN_CODENAME=b', expected: { codename: 'b' } },
  { name: 'an empty value is skipped', text: 'BUILD_ID=\nID=x', expected: { platform: 'x' } },
  { name: 'a quoted empty value sets ""', text: 'BUILD_ID=""', expected: { build: '' } },
  { name: 'spaces around = are trimmed', text: 'NAME = "Spaced"', expected: { name: 'Spaced' } },
  { name: 'single quotes stay', text: "NAME='Single'", expected: { name: "'Single'" } },
  { name: 'a value may hold =', text: 'BUILD_ID=a=b', expected: { build: 'a=b' } },
  { name: 'unknown keys are ignored', text: 'HOME_URL=https://x/\nLOGO=x', expected: {} },
];
for (const c of lineCases) {
  test(`parseOsRelease: ${c.name}`, () => {
    assert.deepEqual(parseOsRelease(c.text), c.expected);
  });
}

test('parseRedhatRelease splits "<name> release N.N.x (…)" into name and numbers', () => {
  assert.deepEqual(parseRedhatRelease('CentOS Linux release 7.9.2009 (Core)\n'), {
    version: 'CentOS Linux release 7.9.2009 (Core)', name: 'CentOS Linux', major: '7', minor: '9', patch: '2009',
  });
  assert.deepEqual(parseRedhatRelease('Red Hat Enterprise Linux release 8.10 (Ootpa)'), {
    version: 'Red Hat Enterprise Linux release 8.10 (Ootpa)', name: 'Red Hat Enterprise Linux', major: '8', minor: '10', patch: '0',
  });
  assert.deepEqual(parseRedhatRelease('  Gentoo   Base System  \n'), { version: 'Gentoo Base System' });
});
