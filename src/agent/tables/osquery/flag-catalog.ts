/** One flag as osquery_flags reports it. */
export interface FlagDefinition {
  readonly name: string;
  /** The gflags type name: bool, string, uint64, int32, double. */
  readonly type: string;
  readonly description: string;
  /** The default as gflags prints it (booleans 'true'/'false'). */
  readonly defaultValue: string;
  /** Only meaningful to the interactive shell (`watchpost sql`). */
  readonly shellOnly: boolean;
}

/**
 * The flags Watchpost understands, sorted by name: osquery's own (name,
 * type, description and Linux default as osquery 5.23.1 declares them) that
 * `watchpost sql` and the agent read, plus Watchpost's `timeout`. Aliases
 * (log_numerics_as_numbers, config_tls_refresh) are not rows, as in osquery.
 */
export const flagCatalog: readonly FlagDefinition[] = [
  { name: 'config_accelerated_refresh', type: 'uint64', defaultValue: '300', shellOnly: false, description: 'Interval to wait if reading a configuration fails' },
  { name: 'config_path', type: 'string', defaultValue: '/etc/osquery/osquery.conf', shellOnly: false, description: 'Path to JSON config file' },
  { name: 'config_plugin', type: 'string', defaultValue: 'filesystem', shellOnly: false, description: 'Config plugin name' },
  { name: 'config_refresh', type: 'uint64', defaultValue: '0', shellOnly: false, description: 'Optional interval in seconds to re-read configuration' },
  { name: 'config_tls_endpoint', type: 'string', defaultValue: '', shellOnly: false, description: 'TLS/HTTPS endpoint for config retrieval' },
  { name: 'config_tls_max_attempts', type: 'uint64', defaultValue: '3', shellOnly: false, description: 'Number of attempts to retry a TLS config request' },
  { name: 'csv', type: 'bool', defaultValue: 'false', shellOnly: true, description: "Set output mode to 'csv'" },
  { name: 'database_path', type: 'string', defaultValue: '/var/osquery/osquery.db', shellOnly: false, description: 'If using a disk-based backing store, specify a path' },
  { name: 'decorations_top_level', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Add decorators as top level JSON object members' },
  { name: 'disable_decorators', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Disable log result decoration' },
  { name: 'disable_distributed', type: 'bool', defaultValue: 'true', shellOnly: false, description: 'Disable distributed queries (default true)' },
  { name: 'disable_enrollment', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Disable enrollment functions on related config/logger plugins' },
  { name: 'disable_events', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Disable osquery publish/subscribe system' },
  { name: 'disable_logging', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Disable ERROR/INFO logging' },
  { name: 'disable_reenrollment', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Disable re-enrollment attempts if related plugins return invalid' },
  { name: 'distributed_interval', type: 'uint64', defaultValue: '60', shellOnly: false, description: 'Seconds between polling for new queries (default 60)' },
  { name: 'distributed_plugin', type: 'string', defaultValue: 'tls', shellOnly: false, description: 'Distributed plugin name' },
  { name: 'distributed_tls_max_attempts', type: 'uint64', defaultValue: '3', shellOnly: false, description: 'Number of times to attempt a request' },
  { name: 'distributed_tls_read_endpoint', type: 'string', defaultValue: '', shellOnly: false, description: 'TLS/HTTPS endpoint for distributed query retrieval' },
  { name: 'distributed_tls_write_endpoint', type: 'string', defaultValue: '', shellOnly: false, description: 'TLS/HTTPS endpoint for distributed query results' },
  { name: 'enroll_always', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'On startup, send a new enrollment request' },
  { name: 'enroll_secret_env', type: 'string', defaultValue: '', shellOnly: false, description: 'Name of environment variable holding enrollment-auth secret' },
  { name: 'enroll_secret_path', type: 'string', defaultValue: '', shellOnly: false, description: 'Path to an optional client enrollment-auth secret' },
  { name: 'enroll_tls_endpoint', type: 'string', defaultValue: '', shellOnly: false, description: 'TLS/HTTPS endpoint for client enrollment' },
  { name: 'header', type: 'bool', defaultValue: 'true', shellOnly: true, description: 'Toggle column headers true/false' },
  { name: 'host_identifier', type: 'string', defaultValue: 'hostname', shellOnly: false, description: 'Field used to identify the host running osquery (hostname, uuid, instance, ephemeral, specified)' },
  { name: 'json', type: 'bool', defaultValue: 'false', shellOnly: true, description: "Set output mode to 'json'" },
  { name: 'json_pretty', type: 'bool', defaultValue: 'false', shellOnly: true, description: "Set output mode to 'json_pretty'" },
  { name: 'line', type: 'bool', defaultValue: 'false', shellOnly: true, description: "Set output mode to 'line'" },
  { name: 'list', type: 'bool', defaultValue: 'false', shellOnly: true, description: "Set output mode to 'list'" },
  { name: 'logger_event_type', type: 'bool', defaultValue: 'true', shellOnly: false, description: 'Log scheduled results as events' },
  { name: 'logger_numerics', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Use numeric JSON syntax for numeric values' },
  { name: 'logger_path', type: 'string', defaultValue: '/var/log/osquery/', shellOnly: false, description: 'Directory path for ERROR/WARN/INFO and results logging' },
  { name: 'logger_plugin', type: 'string', defaultValue: 'filesystem', shellOnly: false, description: 'Logger plugin name' },
  { name: 'logger_snapshot_event_type', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Log scheduled snapshot results as events' },
  { name: 'logger_tls_compress', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'GZip compress TLS/HTTPS request body' },
  { name: 'logger_tls_endpoint', type: 'string', defaultValue: '', shellOnly: false, description: 'TLS/HTTPS endpoint for results logging' },
  { name: 'logger_tls_max_lines', type: 'uint64', defaultValue: '1024', shellOnly: false, description: 'Max number of logs to send per period' },
  { name: 'logger_tls_max_linesize', type: 'uint64', defaultValue: '1048576', shellOnly: false, description: 'Max size in bytes allowed per log line' },
  { name: 'logger_tls_period', type: 'uint64', defaultValue: '4', shellOnly: false, description: 'Seconds between flushing logs over TLS/HTTPS' },
  { name: 'nullvalue', type: 'string', defaultValue: '', shellOnly: false, description: "Set string for NULL values, default ''" },
  { name: 'pack_delimiter', type: 'string', defaultValue: '_', shellOnly: false, description: 'Delimiter for pack and query names' },
  { name: 'pack_refresh_interval', type: 'uint64', defaultValue: '3600', shellOnly: false, description: 'Cache expiration for a packs discovery queries' },
  { name: 'pidfile', type: 'string', defaultValue: '/var/run/osqueryd.pidfile', shellOnly: false, description: 'Path to the daemon pidfile mutex' },
  { name: 'query', type: 'string', defaultValue: '', shellOnly: true, description: 'Execute a single SQL query and exit' },
  { name: 'schedule_default_interval', type: 'uint64', defaultValue: '3600', shellOnly: false, description: 'Query interval to use if none is provided' },
  { name: 'schedule_epoch', type: 'uint64', defaultValue: '0', shellOnly: false, description: 'Epoch for scheduled queries' },
  { name: 'schedule_splay_percent', type: 'uint64', defaultValue: '10', shellOnly: false, description: 'Percent to splay config times' },
  { name: 'separator', type: 'string', defaultValue: '|', shellOnly: true, description: "Set output field separator, default '|'" },
  { name: 'specified_identifier', type: 'string', defaultValue: '', shellOnly: false, description: 'Field used to specify the host_identifier when set to "specified"' },
  { name: 'timeout', type: 'double', defaultValue: '10', shellOnly: true, description: 'Seconds a statement may run before it is interrupted (Watchpost)' },
  { name: 'tls_client_cert', type: 'string', defaultValue: '', shellOnly: false, description: 'Optional path to a TLS client-auth PEM certificate' },
  { name: 'tls_client_key', type: 'string', defaultValue: '', shellOnly: false, description: 'Optional path to a TLS client-auth PEM private key' },
  { name: 'tls_disable_status_log', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Disable sending status logs' },
  { name: 'tls_enroll_max_attempts', type: 'uint64', defaultValue: '12', shellOnly: false, description: 'The total number of attempts that will be made to the enroll endpoint if a request fails, 0 for infinite' },
  { name: 'tls_enroll_max_interval', type: 'uint64', defaultValue: '600', shellOnly: false, description: 'Maximum wait time in seconds between enroll retry attempts' },
  { name: 'tls_enroll_override', type: 'string', defaultValue: 'enroll_secret', shellOnly: false, description: 'Override the TLS enroll secret key name' },
  { name: 'tls_hostname', type: 'string', defaultValue: '', shellOnly: false, description: 'TLS/HTTPS hostname for Config, Logger, and Enroll plugins' },
  { name: 'tls_server_certs', type: 'string', defaultValue: '/opt/osquery/share/osquery/certs/certs.pem', shellOnly: false, description: 'Optional path to a TLS server PEM certificate(s) bundle' },
  { name: 'utc', type: 'bool', defaultValue: 'true', shellOnly: false, description: 'Deprecated utc flag. From https://github.com/osquery/osquery/pull/7276' },
  { name: 'verbose', type: 'bool', defaultValue: 'false', shellOnly: false, description: 'Enable verbose informational messages' },
];
