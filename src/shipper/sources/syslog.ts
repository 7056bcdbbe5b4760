import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { lookupService } from 'node:dns';
import { createServer, isIPv6, type AddressInfo, type Server, type Socket } from 'node:net';
import type { RelabelConfig, SyslogConfig } from '../config/types.js';
import { applyRelabelConfigs } from '../relabel/relabel.js';
import { facilityName, parseRfc3164, parseRfc5424, severityName, type SyslogMessage } from './syslog-parse.js';
import { copyLabels } from './copy-labels.js';
import type { EntryPipeline, Source, SourceContext } from './types.js';

export interface SyslogTargetOptions {
  readonly config: SyslogConfig;
  readonly relabel: readonly RelabelConfig[];
  readonly pipeline: EntryPipeline;
  readonly ctx: SourceContext;
}

/**
 * promtail's syslog target: TCP (octet counting or newline framing, told
 * apart per message by its first character) or UDP (one message per
 * datagram), RFC 5424 or RFC 3164, `__syslog_*` labels for relabel_configs.
 * Messages received but not yet delivered are lost if the process dies.
 */
export class SyslogTarget implements Source {
  readonly #opts: SyslogTargetOptions;
  #tcp: Server | undefined;
  #udp: UdpSocket | undefined;
  readonly #sockets = new Set<Socket>();
  #listening: Promise<void> | undefined;
  readonly #hostnames = new Map<string, string | Promise<string>>();

  constructor(options: SyslogTargetOptions) {
    this.#opts = options;
  }

  /** The bound address once listening (port 0 in the config picks a free port). */
  async address(): Promise<AddressInfo> {
    await this.#listening;
    return (this.#tcp?.address() ?? this.#udp?.address()) as AddressInfo;
  }

  start(): void {
    const { host, port } = splitHostPort(this.#opts.config.listenAddress);
    if (this.#opts.config.listenProtocol === 'udp') {
      const udp = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
      this.#udp = udp;
      let chain = Promise.resolve();
      udp.on('message', (msg, rinfo) => {
        const text = msg.toString('utf8').replace(/\n$/, '');
        const ip = rinfo.address.replace(/^::ffff:/, '');
        const known = this.#hostnames.get(ip);
        if (typeof known === 'string') this.#handle(text, ip, known);
        else chain = chain.then(async () => this.#handle(text, ip, await this.#hostnameOf(ip)));
      });
      this.#listening = new Promise((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(port, host, () => resolve());
      });
    } else {
      const server = createServer((socket) => this.#onConnection(socket));
      this.#tcp = server;
      this.#listening = new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
    }
    this.#listening.catch((err: Error) => this.#opts.ctx.logger.error('syslog target failed to listen', { address: this.#opts.config.listenAddress, error: err.message }));
  }

  commit(): void {}

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#tcp ? this.#tcp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.#udp ? this.#udp.close(() => resolve()) : resolve()));
  }

  #onConnection(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.setTimeout(this.#opts.config.idleTimeoutMs, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    const ip = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    let hostname = '';
    let buf = '';
    const drain = (final: boolean): void => {
      for (;;) {
        const octet = /^(\d+) /.exec(buf);
        if (octet) {
          const len = Number(octet[1]);
          const start = octet[0].length;
          if (Buffer.byteLength(buf.slice(start)) < len) break;
          // len counts bytes: take that many bytes of the UTF-8 text.
          const bytes = Buffer.from(buf.slice(start));
          this.#handle(bytes.subarray(0, len).toString('utf8'), ip, hostname);
          buf = bytes.subarray(len).toString('utf8');
          continue;
        }
        const nl = buf.indexOf('\n');
        if (nl === -1) break;
        const msg = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (msg !== '') this.#handle(msg, ip, hostname);
      }
      if (final && buf.trim() !== '') {
        this.#handle(buf, ip, hostname);
        buf = '';
      }
    };
    socket.setEncoding('utf8');
    // promtail looks the peer's name up once per connection, before its first message.
    socket.pause();
    void this.#hostnameOf(ip).then((name) => {
      hostname = name;
      socket.resume();
    });
    socket.on('data', (chunk: string) => {
      buf += chunk;
      drain(false);
      const waiting = this.#opts.ctx.waitWritable();
      socket.pause();
      void waiting.then(() => socket.resume());
    });
    socket.on('end', () => drain(true));
  }

  /** The peer's name as getnameinfo gives it (hosts file, then DNS), '' when unknown; cached per address. */
  #hostnameOf(ip: string): Promise<string> {
    const known = this.#hostnames.get(ip);
    if (known !== undefined) return Promise.resolve(known);
    const pending = new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve(''), 2000);
      lookupService(ip, 0, (err, name) => {
        clearTimeout(timer);
        resolve(err || name === ip ? '' : name);
      });
    }).then((name) => {
      this.#hostnames.set(ip, name);
      return name;
    });
    this.#hostnames.set(ip, pending);
    return pending;
  }

  #handle(text: string, ip: string, hostname: string): void {
    const { config, ctx } = this.#opts;
    let msg: SyslogMessage;
    if (text.length > config.maxMessageLength && Buffer.byteLength(text) > config.maxMessageLength) {
      ctx.metrics.syslogParsingErrors.inc();
      ctx.logger.warn('error parsing syslog stream', { error: `message too long (max_message_length ${config.maxMessageLength})` });
      return;
    }
    try {
      msg = config.syslogFormat === 'rfc3164' ? parseRfc3164(text) : parseRfc5424(text);
    } catch (err) {
      ctx.metrics.syslogParsingErrors.inc();
      ctx.logger.warn('error parsing syslog stream', { error: (err as Error).message });
      return;
    }
    if (msg.message === '' && !config.useRfc5424Message) {
      ctx.metrics.syslogEmptyMessages.inc();
      return;
    }
    const labels = copyLabels(config.labels);
    labels.__syslog_connection_ip_address = ip;
    if (hostname) labels.__syslog_connection_hostname = hostname;
    const set = (name: string, value: string | undefined): void => {
      if (value !== undefined && value !== '') labels[`__syslog_message_${name}`] = value;
    };
    set('severity', severityName(msg.severity));
    set('facility', facilityName(msg.facility));
    set('hostname', msg.hostname);
    set('app_name', msg.appName);
    set('proc_id', msg.procId);
    set('msg_id', msg.msgId);
    if (config.labelStructuredData && msg.structuredData) {
      for (const [id, params] of Object.entries(msg.structuredData)) {
        for (const [name, value] of Object.entries(params)) set(`sd_${id}_${name}`.replace(/[^a-zA-Z0-9_]/g, '_'), value);
      }
    }
    const relabeled = applyRelabelConfigs(labels, this.#opts.relabel);
    if (relabeled === null) return;
    const final: Record<string, string> = {};
    for (const [k, v] of Object.entries(relabeled)) if (!k.startsWith('__')) final[k] = v;
    const tsNs = config.useIncomingTimestamp && msg.tsNs !== undefined ? msg.tsNs : undefined;
    ctx.emit(this.#opts.pipeline, final, config.useRfc5424Message ? text : msg.message, tsNs);
    ctx.metrics.syslogEntries.inc();
  }
}

function splitHostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[|\]$/g, '') || '0.0.0.0';
  return { host, port: Number(address.slice(i + 1)) };
}
