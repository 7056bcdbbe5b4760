import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAptSourceLine, parseDeb822Block, parseDeb822File } from './apt-source-entries.js';

const lineCases = [
  {
    line: 'deb http://deb.debian.org/debian bookworm main contrib',
    entry: { baseUri: 'http://deb.debian.org/debian', name: 'deb.debian.org/debian bookworm', cacheName: 'deb.debian.org_debian_dists_bookworm' },
  },
  {
    line: 'deb [arch=amd64 signed-by=/usr/share/keyrings/docker.gpg] https://download.docker.com/linux/debian/ bookworm stable',
    entry: { baseUri: 'https://download.docker.com/linux/debian', name: 'download.docker.com/linux/debian bookworm', cacheName: 'download.docker.com_linux_debian_dists_bookworm' },
  },
  {
    line: '  deb [ arch=amd64 ]   http://mirror.example.net/debian   bookworm-updates main # comment',
    entry: { baseUri: 'http://mirror.example.net/debian', name: 'mirror.example.net/debian bookworm-updates', cacheName: 'mirror.example.net_debian_dists_bookworm-updates' },
  },
  {
    line: 'deb http://flat.example.org/repo ./',
    entry: { baseUri: 'http://flat.example.org/repo', name: 'flat.example.org/repo ./', cacheName: 'flat.example.org_repo_dists_._' },
  },
  {
    line: 'deb http://ppa.example.org/x/ubuntu jammy/updates main',
    entry: { baseUri: 'http://ppa.example.org/x/ubuntu', name: 'ppa.example.org/x/ubuntu jammy/updates', cacheName: 'ppa.example.org_x_ubuntu_jammy_updates' },
  },
  { line: 'deb-src http://deb.debian.org/debian bookworm main', entry: undefined },
  { line: '# deb http://deb.debian.org/debian bookworm main', entry: undefined },
  { line: 'deb cdrom-without-scheme bookworm main', entry: undefined },
  { line: 'deb http://only-a-uri.example.org/', entry: undefined },
  { line: 'deb [arch=amd64] http://no-suite.example.org/', entry: undefined },
  { line: 'deb\thttp://tab.example.org/debian bookworm', entry: undefined },
];

for (const c of lineCases) {
  test(`parseAptSourceLine(${JSON.stringify(c.line)})`, () => {
    assert.deepEqual(parseAptSourceLine(c.line), c.entry);
  });
}

test('parseDeb822Block yields one entry per URI and suite, skipping URIs without a scheme', () => {
  const entries = parseDeb822Block('Types: deb deb-src\nURIs: http://a.example/debian/ cdrom:[x]/ https://b.example/debian\nSuites: bookworm bookworm-security\nComponents: main\n');
  assert.deepEqual(entries.map((e) => e.name), [
    'a.example/debian bookworm',
    'a.example/debian bookworm-security',
    'b.example/debian bookworm',
    'b.example/debian bookworm-security',
  ]);
  assert.equal(entries[0]?.baseUri, 'http://a.example/debian');
});

const skippedBlocks = [
  { name: 'deb-src only', block: 'Types: deb-src\nURIs: http://a.example/debian\nSuites: bookworm\n' },
  { name: 'Enabled: no', block: 'Types: deb\nURIs: http://a.example/debian\nSuites: bookworm\nEnabled: no\n' },
  { name: 'Enabled: yes (osquery accepts only "on")', block: 'Types: deb\nURIs: http://a.example/debian\nSuites: bookworm\nEnabled: yes\n' },
  { name: 'no Suites', block: 'Types: deb\nURIs: http://a.example/debian\n' },
  { name: 'no URIs', block: 'Types: deb\nSuites: bookworm\n' },
];

for (const c of skippedBlocks) {
  test(`parseDeb822Block yields nothing for a stanza with ${c.name}`, () => {
    assert.deepEqual(parseDeb822Block(c.block), []);
  });
}

test('parseDeb822Block honours Enabled: on, comments and case-insensitive keys', () => {
  const entries = parseDeb822Block('# comment: with a colon\ntypes: deb # trailing\nEnabled: on\nuris: http://a.example/debian\nSUITES: stable\n');
  assert.deepEqual(entries.map((e) => e.name), ['a.example/debian stable']);
});

test('parseDeb822File splits stanzas on blank lines', () => {
  const entries = parseDeb822File('Types: deb\nURIs: http://a.example/x\nSuites: one\n\nTypes: deb\nURIs: http://b.example/y\nSuites: two\n');
  assert.deepEqual(entries.map((e) => e.name), ['a.example/x one', 'b.example/y two']);
});
