import { existsSync } from 'node:fs';

export interface UpShipperOptions {
  /** The agent's results log. */
  readonly resultsLog: string;
  /** The agent's snapshot log (snapshot queries such as os_version). */
  readonly snapshotsLog: string;
  /** Auth logs to tail (sshd and sudo lines); missing files are left out. */
  readonly authLogs: readonly string[];
  /** Read sshd/sudo from the systemd journal when no auth log file exists and journalctl does. */
  readonly journal: boolean;
  readonly host: string;
  readonly pushUrl: string;
  readonly bearerToken?: string | undefined;
  readonly tenant?: string | undefined;
  readonly positionsFile: string;
}

/**
 * The promtail config `watchpost up` ships with: the seed's osquery job
 * (json → timestamp → labels name → the last_logins counter) on the agent's
 * results log, plus the host's auth log (or journal) as `{job="auth"}`, the
 * streams the built-in detections read. Returned as YAML text, so it goes
 * through the same parser and validation as a user's promtail config.
 */
export function buildUpShipperConfig(options: UpShipperOptions): string {
  const quote = (s: string): string => JSON.stringify(s);
  const authLogs = options.authLogs.filter((p) => existsSync(p));
  const lines = [
    'server: {http_listen_port: 0, grpc_listen_port: 0, disable: true}',
    `positions: {filename: ${quote(options.positionsFile)}}`,
    'clients:',
    `  - url: ${quote(options.pushUrl)}`,
    '    batchwait: 100ms',
  ];
  if (options.bearerToken) lines.push(`    bearer_token: ${quote(options.bearerToken)}`);
  if (options.tenant) lines.push(`    tenant_id: ${quote(options.tenant)}`);
  lines.push(
    'scrape_configs:',
    '  - job_name: osquery',
    '    static_configs:',
    '      - targets: [localhost]',
    `        labels: {job: osquery_results, host: ${quote(options.host)}, __path__: ${quote(options.resultsLog)}}`,
    '      - targets: [localhost]',
    `        labels: {job: osquery_results, host: ${quote(options.host)}, __path__: ${quote(options.snapshotsLog)}}`,
    '    pipeline_stages:',
    '      - json: {expressions: {timestamp: unixTime, ip: columns.host, name: name, username: columns.username}}',
    '      - timestamp: {source: timestamp, format: Unix}',
    '      - labels: {name: name}',
    '      - metrics:',
    '          last_logins:',
    '            type: Counter',
    '            description: count last logins',
    '            source: name',
    '            config: {value: pack_incident-response_last, action: inc}',
  );
  if (authLogs.length > 0) {
    lines.push('  - job_name: auth', '    static_configs:');
    for (const path of authLogs) {
      lines.push('      - targets: [localhost]', `        labels: {job: auth, host: ${quote(options.host)}, __path__: ${quote(path)}}`);
    }
  } else if (options.journal) {
    lines.push(
      '  - job_name: auth',
      '    journal:',
      '      max_age: 12h',
      `      labels: {job: auth, host: ${quote(options.host)}}`,
      '    relabel_configs:',
      "      - {source_labels: ['__journal_syslog_identifier'], regex: 'sshd|sshd-session|sudo', action: keep}",
    );
  }
  return `${lines.join('\n')}\n`;
}
