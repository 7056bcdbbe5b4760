/** A parsed syslog message (RFC 5424 or RFC 3164). */
export interface SyslogMessage {
  readonly facility: number;
  readonly severity: number;
  /** Unix ns, when the message carries a usable timestamp. */
  readonly tsNs?: bigint | undefined;
  readonly hostname?: string | undefined;
  readonly appName?: string | undefined;
  readonly procId?: string | undefined;
  readonly msgId?: string | undefined;
  /** SD-ID → param name → value. */
  readonly structuredData?: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  readonly message: string;
}

const severityNames = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;
// go-syslog's facility keywords (codes 9, 12, 13 and 14 have none).
const facilityKeywords: Record<number, string> = {
  0: 'kern', 1: 'user', 2: 'mail', 3: 'daemon', 4: 'auth', 5: 'syslog', 6: 'lpr', 7: 'news', 8: 'uucp', 10: 'authpriv',
  11: 'ftp', 15: 'cron', 16: 'local0', 17: 'local1', 18: 'local2', 19: 'local3', 20: 'local4', 21: 'local5', 22: 'local6',
  23: 'local7',
};

export function severityName(severity: number): string | undefined {
  return severityNames[severity];
}

export function facilityName(facility: number): string | undefined {
  return facilityKeywords[facility];
}

/** Thrown for a message that does not parse; the text is go-syslog-like. */
export class SyslogParseError extends Error {}

function parsePri(text: string): { pri: number; rest: string } {
  const m = /^<(\d{1,3})>/.exec(text);
  if (!m) throw new SyslogParseError('expecting a priority value within angle brackets [col 0]');
  const pri = Number(m[1]);
  if (pri > 191) throw new SyslogParseError('expecting a priority value in the range 1-191 or equal to 0 [col 1]');
  return { pri, rest: text.slice(m[0].length) };
}

const nil = (v: string | undefined): string | undefined => (v === undefined || v === '-' ? undefined : v);

/** RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]`. */
export function parseRfc5424(text: string): SyslogMessage {
  const { pri, rest } = parsePri(text);
  const m = /^(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(rest + ' ');
  if (!m || m[1] !== '1') throw new SyslogParseError('expecting a version value in the range 1-999 [col 4]');
  let i = m[0].length;
  const body = rest + ' ';
  let structuredData: Record<string, Record<string, string>> | undefined;
  if (body[i] === '-') i += 1;
  else if (body[i] === '[') {
    structuredData = {};
    while (body[i] === '[') {
      const idMatch = /^\[([^\s\]=]+)/.exec(body.slice(i));
      if (!idMatch) throw new SyslogParseError(`expecting a structured data element id (from 1 to max 32 US-ASCII characters; except =, ], ", and space) [col ${i}]`);
      const params: Record<string, string> = {};
      structuredData[idMatch[1] as string] = params;
      i += idMatch[0].length;
      for (;;) {
        if (body[i] === ']') {
          i++;
          break;
        }
        const pm = /^ ([^\s\]="]+)="/.exec(body.slice(i));
        if (!pm) throw new SyslogParseError(`expecting a structured data parameter [col ${i}]`);
        i += pm[0].length;
        let value = '';
        while (i < body.length && body[i] !== '"') {
          if (body[i] === '\\' && (body[i + 1] === '"' || body[i + 1] === '\\' || body[i + 1] === ']')) i++;
          value += body[i];
          i++;
        }
        if (body[i] !== '"') throw new SyslogParseError(`expecting a closing quote [col ${i}]`);
        i++;
        params[pm[1] as string] = value;
      }
    }
  } else throw new SyslogParseError(`expecting a structured data section containing one or more elements or a nil value [col ${i}]`);
  let message = i < rest.length ? rest.slice(i + 1) : '';
  if (message.startsWith('\ufeff')) message = message.slice(1);
  const ts = nil(m[2]);
  let tsNs: bigint | undefined;
  if (ts !== undefined) {
    tsNs = parseRfc3339Ns(ts);
    if (tsNs === undefined) throw new SyslogParseError('expecting a RFC3339MICRO timestamp or a nil value [col 6]');
  }
  return {
    facility: pri >> 3,
    severity: pri & 7,
    tsNs,
    hostname: nil(m[3]),
    appName: nil(m[4]),
    procId: nil(m[5]),
    msgId: nil(m[6]),
    structuredData,
    message,
  };
}

function parseRfc3339Ns(ts: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 3164 (BSD): `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG`; the year is
 * the current one (the previous one for a December stamp read in January).
 */
export function parseRfc3164(text: string, now: Date = new Date()): SyslogMessage {
  const { pri, rest } = parsePri(text);
  const m = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) ([^:[\s]+)(?:\[([^\]]*)\])?: ?([\s\S]*)$/.exec(rest);
  if (!m) {
    const month = months.indexOf(rest.slice(0, 3));
    if (month === -1) throw new SyslogParseError('expecting a Stamp timestamp [col 4]');
    throw new SyslogParseError('expecting a hostname and a tag [col 20]');
  }
  const month = months.indexOf(m[1] as string);
  if (month === -1) throw new SyslogParseError('expecting a Stamp timestamp [col 4]');
  let year = now.getUTCFullYear();
  if (month === 11 && now.getUTCMonth() === 0) year--;
  const ms = Date.UTC(year, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return {
    facility: pri >> 3,
    severity: pri & 7,
    tsNs: BigInt(ms) * 1_000_000n,
    hostname: m[6],
    appName: m[7],
    procId: m[8],
    message: m[9] ?? '',
  };
}
