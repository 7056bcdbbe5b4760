import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Why the client dropped entries (promtail's `reason` label values). */
export type DropReason = 'ingester_error' | 'rate_limited' | 'stream_limited' | 'line_too_long';

const dropReasons: readonly DropReason[] = ['ingester_error', 'rate_limited', 'stream_limited', 'line_too_long'];

/**
 * promtail's own metrics, with promtail's names, types and labels (see
 * promtail.md §4), plus the shipper's buffer gauges under watchpost_shipper_.
 */
export interface ShipperMetrics {
  readonly registry: Registry;
  readonly encodedBytes: Counter<'host'>;
  readonly sentBytes: Counter<'host'>;
  readonly sentEntries: Counter<'host'>;
  readonly droppedBytes: Counter<'host' | 'tenant' | 'reason'>;
  readonly droppedEntries: Counter<'host' | 'tenant' | 'reason'>;
  readonly requestDuration: Histogram<'status_code' | 'host'>;
  readonly batchRetries: Counter<'host' | 'tenant'>;
  readonly readBytes: Gauge<'path'>;
  readonly fileBytes: Gauge<'path'>;
  readonly readLines: Counter<'path'>;
  readonly filesActive: Gauge;
  readonly targetsActive: Gauge;
  readonly targetsFailed: Counter<'reason'>;
  readonly syslogEntries: Counter;
  readonly syslogParsingErrors: Counter;
  readonly syslogEmptyMessages: Counter;
  readonly journalLines: Counter;
  readonly journalParsingErrors: Counter;
  readonly bufferBytes: Gauge<'host'>;
  readonly readingPaused: Gauge;
  /** Pre-initialises a client's per-host/tenant series to 0, as promtail does. */
  initClient(host: string, tenant: string): void;
}

/** Registers the shipper's metrics on `registry`. */
export function createShipperMetrics(registry: Registry): ShipperMetrics {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> =>
    new Counter({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> =>
    new Gauge({ name, help, labelNames, registers });
  const m: ShipperMetrics = {
    registry,
    encodedBytes: counter('promtail_encoded_bytes_total', 'Number of bytes encoded and ready to send.', ['host']),
    sentBytes: counter('promtail_sent_bytes_total', 'Number of bytes sent.', ['host']),
    sentEntries: counter('promtail_sent_entries_total', 'Number of log entries sent to the ingester.', ['host']),
    droppedBytes: counter('promtail_dropped_bytes_total', 'Number of bytes dropped because failed to be sent to the ingester after all retries.', ['host', 'tenant', 'reason']),
    droppedEntries: counter('promtail_dropped_entries_total', 'Number of log entries dropped because failed to be sent to the ingester after all retries.', ['host', 'tenant', 'reason']),
    requestDuration: new Histogram({
      name: 'promtail_request_duration_seconds',
      help: 'Duration of send requests.',
      labelNames: ['status_code', 'host'],
      registers,
    }),
    batchRetries: counter('promtail_batch_retries_total', 'Number of times batches has had to be retried.', ['host', 'tenant']),
    readBytes: gauge('promtail_read_bytes_total', 'Number of bytes read.', ['path']),
    fileBytes: gauge('promtail_file_bytes_total', 'Number of bytes total.', ['path']),
    readLines: counter('promtail_read_lines_total', 'Number of lines read.', ['path']),
    filesActive: gauge('promtail_files_active_total', 'Number of active files.'),
    targetsActive: gauge('promtail_targets_active_total', 'Number of active total.'),
    targetsFailed: counter('promtail_targets_failed_total', 'Number of failed targets.', ['reason']),
    syslogEntries: counter('promtail_syslog_target_entries_total', 'Total number of successful entries sent to the syslog target'),
    syslogParsingErrors: counter('promtail_syslog_target_parsing_errors_total', 'Total number of parsing errors while receiving syslog messages'),
    syslogEmptyMessages: counter('promtail_syslog_empty_messages_total', 'Total number of empty messages receiving from syslog'),
    journalLines: counter('promtail_journal_target_lines_total', 'Total number of successful journal lines read'),
    journalParsingErrors: counter('promtail_journal_target_parsing_errors_total', 'Total number of parsing errors while reading journal messages'),
    bufferBytes: gauge('watchpost_shipper_buffer_bytes', 'Bytes of batches waiting in the on-disk delivery buffer.', ['host']),
    readingPaused: gauge('watchpost_shipper_reading_paused', '1 while reading is paused because the delivery buffer is full.'),
    initClient(host, tenant) {
      m.encodedBytes.inc({ host }, 0);
      m.sentBytes.inc({ host }, 0);
      m.sentEntries.inc({ host }, 0);
      m.batchRetries.inc({ host, tenant }, 0);
      for (const reason of dropReasons) {
        m.droppedBytes.inc({ host, tenant, reason }, 0);
        m.droppedEntries.inc({ host, tenant, reason }, 0);
      }
    },
  };
  return m;
}
