/** The columns osquery fills for one rule (parseIptcpRule); chain columns come separately. */
export interface IptablesRuleColumns {
  readonly target: string;
  readonly match: string;
  readonly protocol: string;
  readonly src_port: string;
  readonly dst_port: string;
  readonly src_ip: string;
  readonly src_mask: string;
  readonly dst_ip: string;
  readonly dst_mask: string;
  readonly iniface: string;
  readonly iniface_mask: string;
  readonly outiface: string;
  readonly outiface_mask: string;
}

const ifNameSize = 16;
const protoTcp = 6;
const protoUdp = 17;

interface RuleParts {
  target: string;
  protocol: string;
  protocolNumber: number;
  ports: { src: string; dst: string } | undefined;
  src: string;
  dst: string;
  iniface: string;
  outiface: string;
  inverted: Set<string>;
}

/**
 * Turns the words of one iptables-save rule into osquery's iptables
 * columns, in libiptc's terms: addresses and masks as dotted quads
 * (0.0.0.0 when absent), an inverted address, protocol or interface
 * prefixed with '!', interfaces 'all' when absent with their byte mask in
 * hex (FF per name byte plus the terminating NUL; a trailing '+' wildcard
 * masks only the bytes before it), ports as 'first:last' only for tcp and
 * udp rules (0:65535 when the rule has no port match), and match always
 * 'yes' (osquery tests the entry's target offset, never zero for a rule).
 */
export function parseRuleColumns(words: readonly string[], protocols: ReadonlyMap<string, number>): IptablesRuleColumns {
  const p = collectRuleParts(words, protocols);
  const inv = (key: string): string => (p.inverted.has(key) ? '!' : '');
  const src = parseAddress(p.src);
  const dst = parseAddress(p.dst);
  const tcpOrUdp = p.protocolNumber === protoTcp || p.protocolNumber === protoUdp;
  return {
    target: p.target,
    match: 'yes',
    protocol: inv('proto') + p.protocol,
    src_port: tcpOrUdp ? (p.ports?.src ?? '0:65535') : '',
    dst_port: tcpOrUdp ? (p.ports?.dst ?? '0:65535') : '',
    src_ip: inv('src') + src.ip,
    src_mask: src.mask,
    dst_ip: inv('dst') + dst.ip,
    dst_mask: dst.mask,
    iniface: p.iniface === '' ? 'all' : inv('in') + p.iniface,
    iniface_mask: formatInterfaceMask(p.iniface),
    outiface: p.outiface === '' ? 'all' : inv('out') + p.outiface,
    outiface_mask: formatInterfaceMask(p.outiface),
  };
}

function collectRuleParts(words: readonly string[], protocols: ReadonlyMap<string, number>): RuleParts {
  const p: RuleParts = { target: '', protocol: '0', protocolNumber: 0, ports: undefined, src: '', dst: '', iniface: '', outiface: '', inverted: new Set() };
  // Ports come from the rule's first tcp or udp match, as libiptc hands osquery only one.
  let portMatch: 'none' | 'open' | 'closed' = 'none';
  let invert = false;
  let i = 0;
  /** The option's value; an old-style `-s ! 10.0.0.0/8` marks the option inverted. */
  const value = (key: string): string => {
    if (words[i + 1] === '!') {
      p.inverted.add(key);
      i++;
    }
    return words[++i] ?? '';
  };
  for (; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '!') {
      invert = true;
      continue;
    }
    const key = optionKeys.get(word);
    if (key !== undefined && invert) p.inverted.add(key);
    invert = false;
    switch (key) {
      case 'src': p.src = value(key); break;
      case 'dst': p.dst = value(key); break;
      case 'in': p.iniface = value(key); break;
      case 'out': p.outiface = value(key); break;
      case 'proto': {
        const name = value(key).toLowerCase();
        const number = /^\d+$/.test(name) ? Number(name) : protocols.get(name);
        p.protocol = number === undefined ? name : String(number);
        p.protocolNumber = number ?? -1;
        break;
      }
      case 'match': {
        const module = value(key);
        portMatch = portMatch === 'none' && (module === 'tcp' || module === 'udp') ? 'open' : portMatch === 'open' ? 'closed' : portMatch;
        break;
      }
      case 'target':
        // The target and its own options end the rule.
        p.target = value(key);
        return p;
      case 'counters': i += 2; break;
      default:
        // Free text may look like an option (`--comment -j`): skip it whole.
        if (freeTextOptions.has(word)) i++;
        else if (portMatch === 'open') readPortOption(word, () => value(''), p);
    }
  }
  return p;
}

const optionKeys: ReadonlyMap<string, string> = new Map([
  ['-s', 'src'], ['--source', 'src'], ['--src', 'src'],
  ['-d', 'dst'], ['--destination', 'dst'], ['--dst', 'dst'],
  ['-i', 'in'], ['--in-interface', 'in'],
  ['-o', 'out'], ['--out-interface', 'out'],
  ['-p', 'proto'], ['--protocol', 'proto'],
  ['-m', 'match'], ['--match', 'match'],
  ['-j', 'target'], ['--jump', 'target'], ['-g', 'target'], ['--goto', 'target'],
  ['-c', 'counters'], ['--set-counters', 'counters'],
]);

/** Match options whose single value is free text, printed unquoted when it has no special characters. */
const freeTextOptions: ReadonlySet<string> = new Set(['--comment', '--string', '--hex-string', '--name', '--log-prefix', '--nflog-prefix']);

/** Records a port option of the rule's first tcp/udp match. */
function readPortOption(option: string, value: () => string, p: RuleParts): void {
  const source = option === '--sport' || option === '--source-port';
  const destination = option === '--dport' || option === '--destination-port';
  if (!source && !destination) return;
  const range = formatPortRange(value());
  const ports = p.ports ?? { src: '0:65535', dst: '0:65535' };
  p.ports = source ? { ...ports, src: range } : { ...ports, dst: range };
}

/** `22` → `22:22`, `1024:65535` as is, open ends filled (`1024:` → `1024:65535`). */
export function formatPortRange(text: string): string {
  const [first = '', last] = text.split(':');
  if (last === undefined) return `${first}:${first}`;
  return `${first === '' ? '0' : first}:${last === '' ? '65535' : last}`;
}

/** `10.0.0.0/8`, `10.1.0.0/255.255.0.255` or `1.2.3.4` → address and dotted mask; empty → any. */
export function parseAddress(text: string): { ip: string; mask: string } {
  if (text === '') return { ip: '0.0.0.0', mask: '0.0.0.0' };
  const [ip = '', mask] = text.split('/');
  if (mask === undefined) return { ip, mask: '255.255.255.255' };
  if (mask.includes('.')) return { ip, mask };
  const bits = Math.max(0, Math.min(32, Number(mask) || 0));
  const value = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { ip, mask: [24, 16, 8, 0].map((s) => (value >>> s) & 0xff).join('.') };
}

/** The hex of libiptc's interface mask for a name as iptables parses it. */
export function formatInterfaceMask(name: string): string {
  if (name === '') return '';
  const bytes = name.endsWith('+') ? name.length - 1 : name.length + 1;
  return 'FF'.repeat(Math.min(bytes, ifNameSize));
}
