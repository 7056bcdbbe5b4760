import { SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';
import { networkHostsContain, parseAddress, parseIpv4, parseNetwork } from './ip-address.js';

/**
 * inet_aton(address): a dotted-quad IPv4 address as its integer (host
 * order). NULL for NULL, anything containing ':' and anything inet_pton
 * rejects (leading zeros, fewer than four parts, out-of-range octets).
 */
function inetAton(value: SqlArg): SqlResult {
  const text = value.text();
  if (text === null || text.includes(':')) return null;
  const bytes = parseIpv4(text);
  return bytes === null ? null : Buffer.from(bytes).readUInt32BE(0);
}

/**
 * in_cidr_block(cidr, ip): 1 when `ip` is one of boost's network.hosts() of
 * `cidr`, else 0. Both must be TEXT; the family of `ip` picks how `cidr` is
 * parsed. Errors carry osquery's messages.
 */
function inCidrBlock(cidr: SqlArg, ip: SqlArg): SqlResult {
  if (cidr.type !== 'text') throw new SqlFunctionError('CIDR must be a string');
  if (ip.type !== 'text') throw new SqlFunctionError('IP address must be a string');
  const address = parseAddress(ip.text() ?? '');
  if (address === null) throw new SqlFunctionError('IP address cannot be parsed');
  const network = parseNetwork(cidr.text() ?? '', address.v6);
  if (network === null) {
    throw new SqlFunctionError(`CIDR for IP address ${address.v6 ? 'v6' : 'v4'} cannot be parsed`);
  }
  return networkHostsContain(network, address) ? 1 : 0;
}

/** inet_aton (osquery/sql/sqlite_string.cpp) and in_cidr_block (osquery/sql/sqlite_network.cpp). */
export const networkFunctions: readonly ScalarFunction[] = [
  { name: 'inet_aton', arity: 1, fn: inetAton },
  { name: 'in_cidr_block', arity: 2, fn: inCidrBlock },
];
