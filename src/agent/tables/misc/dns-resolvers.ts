import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText, readUtf8 } from '../lib/fs-read.js';
import { listNamespaceViews } from '../system/namespace-view.js';
import { formatIpv4Number } from './inet-aton.js';
import { parseResolvConf, type ResolverEnvironment, type ResolverState } from './resolv-conf.js';

/**
 * The rows osquery's genDNSResolvers makes from `_res`: name servers (netmask
 * "32"), then sortlist entries, then search domains (no netmask), each type
 * numbered from 0 in `id`, every row carrying `_res.options`.
 *
 * Two deliberate differences from osquery, whose code reads these through
 * casts that do not hold on glibc: an IPv6 name server's address is given
 * (osquery's getnameinfo sees sin_family 0 and yields ''), and a sortlist
 * row gives its network address and the mask's prefix length (osquery
 * formats the in_addr as if it were a sockaddr and prints the raw s_addr).
 * A non-contiguous sortlist mask is given dotted.
 */
export function buildResolverRows(state: ResolverState, pidWithNamespace: number): Row[] {
  const common = { options: state.options, pid_with_namespace: pidWithNamespace };
  return [
    ...state.nameservers.map((address, id) => ({ id, type: 'nameserver', address, netmask: '32', ...common })),
    ...state.sortlist.map((e, id) => ({ id, type: 'sortlist', address: formatIpv4Number(e.address), netmask: formatMask(e.mask), ...common })),
    ...state.search.map((address, id) => ({ id, type: 'search', address, ...common })),
  ];
}

function formatMask(mask: number): string {
  const bits = mask.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? String(bits.indexOf('0') < 0 ? 32 : bits.indexOf('0')) : formatIpv4Number(mask);
}

/**
 * dns_resolvers: /etc/resolv.conf as res_init(3) reads it, for the host or,
 * with `pid_with_namespace = N`, as process N sees it. On the real host the
 * process environment's LOCALDOMAIN and RES_OPTIONS apply, as they do to
 * osquery's own res_init.
 */
export function* genDnsResolvers(ctx: QueryContext): Iterable<Row> {
  const onHost = ctx.paths.root === '/';
  for (const view of listNamespaceViews(ctx)) {
    const env: ResolverEnvironment = {
      hostname: (readText(view.path('/proc/sys/kernel/hostname')) ?? '').trim(),
      ...(onHost && process.env.LOCALDOMAIN !== undefined ? { localdomain: process.env.LOCALDOMAIN } : {}),
      ...(onHost && process.env.RES_OPTIONS !== undefined ? { resOptions: process.env.RES_OPTIONS } : {}),
    };
    yield* buildResolverRows(parseResolvConf(readUtf8(view.path('/etc/resolv.conf')), env), view.pid);
  }
}

export const dnsResolversTable: TableImpl = {
  name: 'dns_resolvers',
  generate: genDnsResolvers,
  reads: ['/etc/resolv.conf', '/proc/sys/kernel/hostname', '/proc/<pid>/root/etc/resolv.conf (pid_with_namespace)'],
};
