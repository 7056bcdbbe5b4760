import { formatIpv6 } from '../network/inet-format.js';
import { formatIpv4Number, parseInetAton, parseIpv6 } from './inet-aton.js';

/** _res.options bits of <resolv.h>. */
export const resolverOption = {
  INIT: 0x1,
  USEVC: 0x8,
  RECURSE: 0x40,
  DEFNAMES: 0x80,
  DNSRCH: 0x200,
  ROTATE: 0x4000,
  USE_EDNS0: 0x100000,
  SNGLKUP: 0x200000,
  SNGLKUPREOP: 0x400000,
  NOTLDQUERY: 0x1000000,
  NORELOAD: 0x2000000,
  TRUSTAD: 0x4000000,
  NOAAAA: 0x8000000,
  STRICTERR: 0x10000000,
} as const;

/** What res_init(3) starts from: RES_DEFAULT (recurse, defnames, dnsrch) plus RES_INIT = 705. */
export const defaultResolverOptions = resolverOption.INIT | resolverOption.RECURSE | resolverOption.DEFNAMES | resolverOption.DNSRCH;

/** One sortlist entry: an IPv4 network and its mask, both host-order unsigned numbers. */
export interface SortlistEntry {
  readonly address: number;
  readonly mask: number;
}

/** The parts of glibc's `_res` that dns_resolvers reports, after res_init(). */
export interface ResolverState {
  /** At most MAXNS (3) name servers, as address text (an IPv6 one may carry `%scope`). */
  readonly nameservers: readonly string[];
  /** At most MAXRESOLVSORT (10) entries. */
  readonly sortlist: readonly SortlistEntry[];
  /** At most MAXDNSRCH (6) domains that fit _res.defdname's 256 bytes. */
  readonly search: readonly string[];
  readonly options: number;
}

/** Inputs res_init takes from outside the file. */
export interface ResolverEnvironment {
  /** gethostname(); the search list falls back to its part after the first '.'. */
  readonly hostname: string;
  /** $LOCALDOMAIN: replaces the search list of the file. */
  readonly localdomain?: string;
  /** $RES_OPTIONS: applied after the file's `options` lines. */
  readonly resOptions?: string;
}

const maxNameservers = 3;
const maxSearch = 6;
const maxSortlist = 10;
const defdnameBytes = 256;
const loopback = 0x7f000001;

const flagOptions: ReadonlyArray<readonly [string, number]> = [
  ['rotate', resolverOption.ROTATE],
  ['edns0', resolverOption.USE_EDNS0],
  ['single-request-reopen', resolverOption.SNGLKUPREOP],
  ['single-request', resolverOption.SNGLKUP],
  ['no_tld_query', resolverOption.NOTLDQUERY],
  ['no-tld-query', resolverOption.NOTLDQUERY],
  ['no-reload', resolverOption.NORELOAD],
  ['use-vc', resolverOption.USEVC],
  ['trust-ad', resolverOption.TRUSTAD],
  ['no-aaaa', resolverOption.NOAAAA],
  ['strict-error', resolverOption.STRICTERR],
];

/**
 * Emulates glibc's res_init() on resolv.conf(5) text (undefined when the
 * file is missing): `#`/`;` comment lines; a keyword counts only at the
 * start of a line and followed by a blank; `domain` and `search` replace
 * the search list (the last one wins; $LOCALDOMAIN overrides both);
 * `nameserver` takes inet_aton addresses, then IPv6 ones; `sortlist` takes
 * `addr[/&mask]` entries with classful default masks; `options` sets flag
 * bits by prefix match (ndots/timeout/attempts do not touch the bits).
 * Without a name server the loopback address is used; without a search list
 * the domain of the host name is.
 */
export function parseResolvConf(content: string | undefined, env: ResolverEnvironment): ResolverState {
  const nameservers: string[] = [];
  const sortlist: SortlistEntry[] = [];
  let search: string[] = [];
  let options: number = defaultResolverOptions;
  const haveEnvDomain = env.localdomain !== undefined;
  if (env.localdomain !== undefined) search = splitBlanks(env.localdomain.split('\n')[0] ?? '');

  for (const line of (content ?? '').split('\n')) {
    if (line.startsWith(';') || line.startsWith('#')) continue;
    const rest = (keyword: string): string | undefined =>
      line.startsWith(keyword) && (line[keyword.length] === ' ' || line[keyword.length] === '\t') ? line.slice(keyword.length) : undefined;
    let value: string | undefined;
    if ((value = rest('domain')) !== undefined) {
      const domain = splitBlanks(value)[0];
      if (!haveEnvDomain && domain !== undefined) search = [domain];
    } else if ((value = rest('search')) !== undefined) {
      const domains = splitBlanks(value);
      if (!haveEnvDomain && domains.length > 0) search = domains;
    } else if ((value = rest('nameserver')) !== undefined) {
      const address = parseNameserver(splitBlanks(value)[0] ?? '');
      if (address !== undefined) nameservers.push(address);
    } else if ((value = rest('sortlist')) !== undefined) {
      sortlist.push(...parseSortlist(value));
    } else if ((value = rest('options')) !== undefined) {
      options = applyOptions(options, value);
    }
  }
  if (nameservers.length === 0) nameservers.push(formatIpv4Number(loopback));
  if (search.length === 0) {
    const dot = env.hostname.indexOf('.');
    if (dot >= 0) search = [env.hostname.slice(dot + 1)];
  }
  if (env.resOptions !== undefined) options = applyOptions(options, env.resOptions);
  return {
    nameservers: nameservers.slice(0, maxNameservers),
    sortlist: sortlist.slice(0, maxSortlist),
    search: truncateSearch(search),
    options,
  };
}

/** Words separated by spaces or tabs (the '\n' of the line is already gone). */
function splitBlanks(text: string): string[] {
  return text.split(/[ \t]+/).filter((w) => w !== '');
}

/** A `nameserver` value as glibc accepts it, as text; undefined when it is neither IPv4 nor IPv6. */
function parseNameserver(token: string): string | undefined {
  if (token === '') return undefined;
  const v4 = parseInetAton(token);
  if (v4 !== undefined) return formatIpv4Number(v4);
  const percent = token.indexOf('%');
  const address = percent < 0 ? token : token.slice(0, percent);
  const bytes = address === '' ? undefined : parseIpv6(address);
  if (bytes === undefined) return undefined;
  const scope = percent < 0 ? '' : token.slice(percent + 1);
  return formatIpv6(bytes) + (scope === '' ? '' : `%${scope}`);
}

/** `sortlist` entries up to a ';' or the end; entries whose network is not an address are skipped. */
function parseSortlist(text: string): SortlistEntry[] {
  const entries: SortlistEntry[] = [];
  const list = text.split(';')[0] ?? '';
  for (const word of splitBlanks(list)) {
    const m = /^([^/&]*)(?:[/&](.*))?$/.exec(word);
    const address = parseInetAton(m?.[1] ?? '');
    if (address === undefined) continue;
    const mask = m?.[2] === undefined ? undefined : parseInetAton(m[2]);
    entries.push({ address, mask: mask ?? classfulMask(address) });
  }
  return entries;
}

/** net_mask(): the class A, B or C mask of an address. */
function classfulMask(address: number): number {
  if (address < 0x80000000) return 0xff000000;
  if (address < 0xc0000000) return 0xffff0000;
  return 0xffffff00;
}

/** res_setoptions: each blank-separated word sets the bit of the first option name it starts with. */
function applyOptions(options: number, text: string): number {
  let out = options;
  for (const word of splitBlanks(text)) {
    if (word.startsWith('ndots:') || word.startsWith('timeout:') || word.startsWith('attempts:')) continue;
    const flag = flagOptions.find(([name]) => word.startsWith(name));
    if (flag) out = (out | flag[1]) >>> 0;
  }
  return out;
}

/** The search domains that fit _res.dnsrch: at most six, copied with their NULs into 256 bytes. */
function truncateSearch(search: readonly string[]): string[] {
  const out: string[] = [];
  let used = 0;
  for (const domain of search.slice(0, maxSearch)) {
    used += Buffer.byteLength(domain) + 1;
    if (used > defdnameBytes) break;
    out.push(domain);
  }
  return out;
}
