import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultResolverOptions, parseResolvConf, resolverOption, type ResolverEnvironment, type ResolverState } from './resolv-conf.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));
const env: ResolverEnvironment = { hostname: 'web-1' };

interface Case {
  readonly name: string;
  readonly content: string | undefined;
  readonly env?: ResolverEnvironment;
  readonly expected: Partial<ResolverState>;
}

const cases: Case[] = [
  {
    name: 'reads the fixture: three name servers, sortlist, search list and option bits',
    content: readFileSync(`${root}/etc/resolv.conf`, 'utf8'),
    expected: {
      nameservers: ['10.0.0.2', 'fe80::1%eth0', '2001:db8::53'],
      sortlist: [
        { address: 0x829ba000, mask: 0xfffff000 },
        { address: 0x829b0000, mask: 0xffff0000 },
        { address: 0x0a010000, mask: 0xffff0000 },
        { address: 0xc0a80100, mask: 0xff00ff00 },
      ],
      search: ['corp.example.com', 'example.com'],
      options: defaultResolverOptions | resolverOption.ROTATE | resolverOption.USE_EDNS0 | resolverOption.SNGLKUPREOP,
    },
  },
  {
    name: 'falls back to the loopback name server and the host name domain without a file',
    content: undefined,
    env: { hostname: 'db-2.prod.example.org' },
    expected: { nameservers: ['127.0.0.1'], sortlist: [], search: ['prod.example.org'], options: 705 },
  },
  {
    name: 'has no search list when the host name has no domain',
    content: 'nameserver 1.1.1.1\n',
    expected: { nameservers: ['1.1.1.1'], search: [] },
  },
  {
    name: 'lets the last of domain and search win',
    content: 'search a.example b.example\ndomain c.example trailing words\n',
    expected: { search: ['c.example'] },
  },
  {
    name: 'lets LOCALDOMAIN replace the file search list',
    content: 'search a.example\n',
    env: { hostname: 'h.x', localdomain: 'env1.example env2.example' },
    expected: { search: ['env1.example', 'env2.example'] },
  },
  {
    name: 'applies RES_OPTIONS after the file',
    content: 'options edns0\n',
    env: { hostname: 'h', resOptions: 'no-aaaa trust-ad ndots:3' },
    expected: { options: 705 | resolverOption.USE_EDNS0 | resolverOption.NOAAAA | resolverOption.TRUSTAD },
  },
  {
    name: 'matches options by prefix and ignores ndots, timeout and attempts',
    content: 'options rotatex single-request use-vc no_tld_query ndots:9 timeout:3 attempts:2 unknown\n',
    expected: { options: 705 | resolverOption.ROTATE | resolverOption.SNGLKUP | resolverOption.USEVC | resolverOption.NOTLDQUERY },
  },
  {
    name: 'keeps at most six search domains',
    content: 'search a b c d e f g h\n',
    expected: { search: ['a', 'b', 'c', 'd', 'e', 'f'] },
  },
  {
    name: 'truncates the search list to what fits in 256 bytes',
    content: `search ${'a'.repeat(100)} ${'b'.repeat(100)} ${'c'.repeat(100)}\n`,
    expected: { search: ['a'.repeat(100), 'b'.repeat(100)] },
  },
  {
    name: 'needs a blank after a keyword and ignores indented lines',
    content: 'nameserver9.9.9.9\n  nameserver 8.8.8.8\nnameserver\t127.1\n',
    expected: { nameservers: ['127.0.0.1'] },
  },
];

for (const c of cases) {
  test(`parseResolvConf ${c.name}`, () => {
    const state = parseResolvConf(c.content, c.env ?? env);
    const picked = Object.fromEntries(Object.keys(c.expected).map((k) => [k, state[k as keyof ResolverState]]));
    assert.deepEqual(picked, c.expected);
  });
}
