import { decodeHexShort, decodeProcIpv4, decodeProcIpv6, hostWordOrder, type WordOrder } from './inet-format.js';

/**
 * Parsers for the socket lists of /proc/<pid>/net (tcp, udp, raw, unix,
 * packet, …), with the field rules of osquery's proc.cpp: lines are trimmed,
 * blank ones dropped, fields split on runs of spaces; a file whose header is
 * not the expected one yields undefined (osquery logs it and moves on); a
 * line with too few fields is skipped.
 */

export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_PACKET = 17;

export const IPPROTO_TCP = 6;

/**
 * The per-namespace files osquery reads, in its order (its protocol map is
 * sorted by number): each protocol for AF_INET then AF_INET6.
 */
export const inetSocketFiles: ReadonlyArray<{ readonly file: string; readonly family: number; readonly protocol: number }> = [
  { name: 'icmp', protocol: 1 },
  { name: 'tcp', protocol: 6 },
  { name: 'udp', protocol: 17 },
  { name: 'udplite', protocol: 136 },
  { name: 'raw', protocol: 255 },
].flatMap(({ name, protocol }) => [
  { file: name, family: AF_INET, protocol },
  { file: `${name}6`, family: AF_INET6, protocol },
]);

/** TCP states by the kernel's number, as osquery names them (index 0 and unknown numbers read UNKNOWN). */
export const tcpStateNames: readonly string[] = [
  'UNKNOWN', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2',
  'TIME_WAIT', 'CLOSED', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING',
];

/** One socket as a /proc/net list describes it. Ports are 0 and addresses '' where the family has none. */
export interface SocketInfo {
  /** Inode number as printed. */
  readonly socket: string;
  readonly family: number;
  readonly protocol: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** AF_UNIX path (`@name` for abstract sockets); ''. */
  readonly path: string;
  /** TCP state name; 'NONE' for packet sockets; '' otherwise. */
  readonly state: string;
  /** The network namespace inode the list was read in; '0' when unknown. */
  readonly netNamespace: string;
}

function splitLines(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function splitFields(line: string): string[] {
  return line.split(' ').filter((f) => f !== '');
}

/** The TCP state name for the hex `st` field. */
export function decodeTcpState(hex: string): string {
  if (!/^[0-9a-fA-F]+$/.test(hex)) return 'UNKNOWN';
  const n = parseInt(hex, 16);
  return n > 0 && n < tcpStateNames.length ? (tcpStateNames[n] ?? 'UNKNOWN') : 'UNKNOWN';
}

export interface InetListOptions {
  readonly family: number;
  readonly protocol: number;
  readonly netNamespace: string;
  /** Word order of the hex addresses; the host's by default. */
  readonly wordOrder?: WordOrder;
}

/** Parses /proc/net/{tcp,udp,raw,icmp,udplite}[6]. Only TCP sockets get a state. */
export function parseInetSocketList(content: string, options: InetListOptions): SocketInfo[] | undefined {
  const lines = splitLines(content);
  const header = lines.shift();
  if (header === undefined || !(header.startsWith('sl') || header.startsWith('sk'))) return undefined;
  const order = options.wordOrder ?? hostWordOrder;
  const decode = options.family === AF_INET6 ? decodeProcIpv6 : decodeProcIpv4;
  const out: SocketInfo[] = [];
  for (const line of lines) {
    const f = splitFields(line);
    if (f.length < 10) continue;
    const local = (f[1] ?? '').split(':');
    const remote = (f[2] ?? '').split(':');
    if (local.length !== 2 || remote.length !== 2) continue;
    out.push({
      socket: f[9] ?? '',
      family: options.family,
      protocol: options.protocol,
      localAddress: decode(local[0] ?? '', order),
      localPort: decodeHexShort(local[1] ?? ''),
      remoteAddress: decode(remote[0] ?? '', order),
      remotePort: decodeHexShort(remote[1] ?? ''),
      path: '',
      state: options.protocol === IPPROTO_TCP ? decodeTcpState(f[3] ?? '') : '',
      netNamespace: options.netNamespace,
    });
  }
  return out;
}

/**
 * Parses /proc/net/unix. The protocol is the leading decimal digits of the
 * Protocol field (osquery uses atoll on it, so in practice 0); the path is
 * the eighth field, so a path containing spaces keeps only its first word.
 */
export function parseUnixSocketList(content: string, netNamespace: string): SocketInfo[] | undefined {
  const lines = splitLines(content);
  const header = lines.shift();
  if (header === undefined || !header.startsWith('Num')) return undefined;
  const out: SocketInfo[] = [];
  for (const line of lines) {
    const f = splitFields(line);
    if (f.length < 7) continue;
    out.push({
      socket: f[6] ?? '',
      family: AF_UNIX,
      protocol: Number(/^[-+]?\d*/.exec(f[2] ?? '')?.[0]) || 0,
      localAddress: '',
      localPort: 0,
      remoteAddress: '',
      remotePort: 0,
      path: f[7] ?? '',
      state: '',
      netNamespace,
    });
  }
  return out;
}

/** Parses /proc/net/packet: protocol from the Proto column, inode from the ninth field, state NONE. */
export function parsePacketSocketList(content: string, netNamespace: string): SocketInfo[] | undefined {
  const lines = splitLines(content);
  const header = lines.shift();
  if (header === undefined || !(header.startsWith('sl') || header.startsWith('sk'))) return undefined;
  const out: SocketInfo[] = [];
  for (const line of lines) {
    const f = splitFields(line);
    if (f.length < 9) continue;
    out.push({
      socket: f[8] ?? '',
      family: AF_PACKET,
      protocol: decodeHexShort(f[3] ?? ''),
      localAddress: '',
      localPort: 0,
      remoteAddress: '',
      remotePort: 0,
      path: '',
      state: 'NONE',
      netNamespace,
    });
  }
  return out;
}
