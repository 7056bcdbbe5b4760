/** The promtail configuration, read strictly, with promtail's defaults filled in. */
export interface ShipperConfig {
  readonly server: ServerConfig;
  readonly positions: PositionsConfig;
  readonly clients: readonly ClientConfig[];
  readonly scrapeConfigs: readonly ScrapeConfig[];
  readonly limits: LimitsConfig;
  /** How often globs are re-evaluated (`target_config.sync_period`). */
  readonly targetSyncPeriodMs: number;
  /** `target_config.stdin`: read stdin as a target (as `-stdin` does). */
  readonly targetStdin: boolean;
  /** How often files are polled (`global.file_watch_config.min_poll_frequency`). */
  readonly filePollMs: number;
}

export interface ServerConfig {
  readonly httpListenAddress: string;
  readonly httpListenPort: number;
  readonly disable: boolean;
  readonly logLevel: string;
}

export interface PositionsConfig {
  readonly filename: string;
  readonly syncPeriodMs: number;
  readonly ignoreInvalidYaml: boolean;
}

export interface BackoffConfig {
  readonly minPeriodMs: number;
  readonly maxPeriodMs: number;
  /** 0 = retry forever. */
  readonly maxRetries: number;
}

export interface TlsConfig {
  readonly caFile?: string | undefined;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  readonly serverName?: string | undefined;
  readonly insecureSkipVerify: boolean;
}

export interface BasicAuth {
  readonly username: string;
  readonly password?: string | undefined;
  readonly passwordFile?: string | undefined;
}

export interface ClientConfig {
  readonly url: string;
  /** promtail's client id: `name`, else derived from the URL. */
  readonly name: string;
  readonly tenantId: string;
  readonly batchWaitMs: number;
  readonly batchSizeBytes: number;
  readonly backoff: BackoffConfig;
  readonly timeoutMs: number;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly dropRateLimitedBatches: boolean;
  readonly basicAuth?: BasicAuth | undefined;
  readonly bearerToken?: string | undefined;
  readonly bearerTokenFile?: string | undefined;
  readonly tls: TlsConfig;
  /** Not promtail: the push body encoding (promtail always sends protobuf). */
  readonly encoding: 'protobuf' | 'json';
}

export type RelabelAction =
  | 'replace'
  | 'keep'
  | 'drop'
  | 'hashmod'
  | 'labelmap'
  | 'labeldrop'
  | 'labelkeep'
  | 'lowercase'
  | 'uppercase'
  | 'keepequal'
  | 'dropequal';

export interface RelabelConfig {
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  /** Fully anchored, as Prometheus anchors relabel regexes. */
  readonly regex: RegExp;
  readonly targetLabel: string;
  readonly replacement: string;
  readonly modulus: number;
  readonly action: RelabelAction;
}

export interface StaticConfig {
  readonly targets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface JournalConfig {
  readonly json: boolean;
  readonly maxAgeMs: number;
  readonly path: string;
  readonly labels: Readonly<Record<string, string>>;
  /** journalctl match expressions (`_SYSTEMD_UNIT=ssh.service`), from `matches` split on spaces. */
  readonly matches?: readonly string[] | undefined;
}

export interface SyslogConfig {
  readonly listenAddress: string;
  readonly listenProtocol: 'tcp' | 'udp';
  readonly idleTimeoutMs: number;
  readonly labelStructuredData: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly useIncomingTimestamp: boolean;
  readonly useRfc5424Message: boolean;
  readonly maxMessageLength: number;
  readonly syslogFormat: 'rfc5424' | 'rfc3164';
}

export interface ScrapeConfig {
  readonly jobName: string;
  /** Raw stage configs, validated by the stages' builder. */
  readonly pipelineStages: readonly unknown[];
  readonly staticConfigs: readonly StaticConfig[];
  readonly relabelConfigs: readonly RelabelConfig[];
  readonly journal?: JournalConfig | undefined;
  readonly syslog?: SyslogConfig | undefined;
}

export interface LimitsConfig {
  /** 0 = unlimited. */
  readonly maxLineSizeBytes: number;
  readonly maxLineSizeTruncate: boolean;
  readonly maxStreams: number;
}
