import { createHash } from 'node:crypto';
import { SqlFunctionError, type ScalarFunction, type SqlArg, type SqlResult } from './define.js';
import { compareAddresses, parseAddress } from './ip-address.js';

/** md5/sha1/sha256(value): lowercase hex digest of the value's text up to its first NUL; NULL for NULL. */
function digestOf(algorithm: 'md5' | 'sha1' | 'sha256'): (value: SqlArg) => SqlResult {
  return (value) => {
    const bytes = value.cstring();
    return bytes === null ? null : createHash(algorithm).update(bytes).digest('hex');
  };
}

function readInteger(arg: SqlArg | undefined, typeError: string): bigint {
  if (arg?.type !== 'integer') throw new SqlFunctionError(typeError);
  return arg.int64();
}

function uint16(value: bigint): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(Number(BigInt.asUintN(16, value)));
  return out;
}

/**
 * Community ID v1 (https://github.com/corelight/community-id-spec) with
 * osquery's checks, in its order: seed (6th argument, INTEGER fitting int16),
 * both addresses TEXT and parseable (IPv4 or IPv6, mixed allowed), ports
 * INTEGER in 0..65535, protocol INTEGER in 0..255. The endpoint that sorts
 * first (boost address order, then port) goes first; the result is
 * '1:' + base64(sha1(seed . saddr . daddr . proto . 0 . sport . dport)).
 */
export function communityIdV1(args: readonly SqlArg[]): string {
  let seed = 0n;
  if (args.length === 6) {
    seed = readInteger(args[5], 'Community ID seed must be an integer');
    if (seed < -32768n || seed > 32767n) throw new SqlFunctionError('Community ID seed must fit in 2 bytes');
  }
  const [src, dst, srcPort, dstPort, protoArg] = args;
  if (src?.type !== 'text' || dst?.type !== 'text') throw new SqlFunctionError('Community ID IPs must be strings');
  let saddr = parseAddress(src.text() ?? '');
  if (saddr === null) throw new SqlFunctionError('Community ID saddr cannot be parsed as IP');
  let daddr = parseAddress(dst.text() ?? '');
  if (daddr === null) throw new SqlFunctionError('Community ID daddr cannot be parsed as IP');
  let sport = readInteger(srcPort, 'Community ID ports must be integers');
  let dport = readInteger(dstPort, 'Community ID ports must be integers');
  if (sport < 0n || sport > 65535n || dport < 0n || dport > 65535n) {
    throw new SqlFunctionError('Community ID ports must fit in 2 bytes');
  }
  const proto = readInteger(protoArg, 'Community ID protocol must be an integer');
  if (proto < 0n || proto > 255n) throw new SqlFunctionError('Community ID protocol must fit in 1 byte');

  const order = compareAddresses(saddr, daddr);
  if (!(order < 0 || (order === 0 && sport < dport))) {
    [saddr, daddr] = [daddr, saddr];
    [sport, dport] = [dport, sport];
  }
  const input = Buffer.concat([
    uint16(seed), saddr.bytes, daddr.bytes, Buffer.from([Number(proto), 0]), uint16(sport), uint16(dport),
  ]);
  return '1:' + createHash('sha1').update(input).digest('base64');
}

/** community_id_v1 logs the problem and returns NULL; community_id_v1_strict fails the query. */
function communityIdLenient(warn: (message: string) => void): (...args: SqlArg[]) => SqlResult {
  return (...args) => {
    try {
      return communityIdV1(args);
    } catch (err) {
      if (!(err instanceof SqlFunctionError)) throw err;
      warn(err.message);
      return null;
    }
  };
}

/**
 * md5, sha1, sha256, community_id_v1 and community_id_v1_strict
 * (osquery/sql/sqlite_hashing.cpp). `warn` receives what osquery logs as a
 * warning when community_id_v1 returns NULL.
 */
export function createHashingFunctions(warn: (message: string) => void): readonly ScalarFunction[] {
  const lenient = communityIdLenient(warn);
  const strict = (...args: SqlArg[]): SqlResult => communityIdV1(args);
  return [
    { name: 'md5', arity: 1, fn: digestOf('md5') },
    { name: 'sha1', arity: 1, fn: digestOf('sha1') },
    { name: 'sha256', arity: 1, fn: digestOf('sha256') },
    { name: 'community_id_v1', arity: 5, fn: lenient },
    { name: 'community_id_v1', arity: 6, fn: lenient },
    { name: 'community_id_v1_strict', arity: 5, fn: strict },
    { name: 'community_id_v1_strict', arity: 6, fn: strict },
  ];
}
