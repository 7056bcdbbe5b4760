/**
 * Protocol names iptables knows without /etc/protocols (its
 * xtables_chain_protos), so a host without netbase still maps them.
 */
const builtinProtocols: ReadonlyArray<readonly [string, number]> = [
  ['all', 0],
  ['icmp', 1],
  ['tcp', 6],
  ['udp', 17],
  ['esp', 50],
  ['ah', 51],
  ['icmpv6', 58],
  ['ipv6-icmp', 58],
  ['sctp', 132],
  ['mh', 135],
  ['ipv6-mh', 135],
  ['udplite', 136],
];

/**
 * Protocol name → number: iptables' built-in names, then every name and
 * alias of an /etc/protocols text (`gre 47 GRE # comment`), which is where
 * iptables-save takes the names it prints.
 */
export function createProtocolTable(etcProtocols = ''): ReadonlyMap<string, number> {
  const table = new Map<string, number>(builtinProtocols);
  for (const line of etcProtocols.split('\n')) {
    const [name, number, ...aliases] = (line.split('#')[0] ?? '').trim().split(/\s+/);
    if (!name || !number || !/^\d+$/.test(number)) continue;
    for (const n of [name, ...aliases]) if (!table.has(n.toLowerCase())) table.set(n.toLowerCase(), Number(number));
  }
  return table;
}
