import { compressSync } from 'snappy';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../../core/index.js';
import { postWithRetry } from '../post-with-retry.js';
import type { RecordedSample } from '../recording-rule.js';
import { encodeWriteRequest, type WriteSeries } from './encode-write-request.js';

export interface RemoteWriterOptions {
  /** Prometheus remote-write receivers, e.g. http://127.0.0.1:9090/api/v1/write. */
  readonly urls: readonly string[];
  readonly registry?: Registry | undefined;
  readonly logger?: Logger | undefined;
  readonly timeoutMs?: number;
  readonly attempts?: number;
}

export interface RemoteWriter {
  write(tenant: string, samples: readonly RecordedSample[]): Promise<void>;
}

/**
 * Ships recording-rule results by Prometheus remote_write 0.1.0: snappy-block
 * compressed protobuf with the protocol's headers (Loki adds X-Scope-OrgID).
 * Retries 5xx, 429 and network errors with backoff; other 4xx are dropped and
 * counted, never silently.
 */
export function createRemoteWriter(options: RemoteWriterOptions): RemoteWriter {
  const registers = options.registry ? [options.registry] : [];
  const sent = new Counter({ name: 'watchpost_ruler_remote_write_samples_total', help: 'Recorded samples accepted by remote-write receivers.', labelNames: ['url'], registers });
  const failed = new Counter({ name: 'watchpost_ruler_remote_write_failed_samples_total', help: 'Recorded samples a receiver refused or never acknowledged.', labelNames: ['url', 'reason'], registers });
  return {
    async write(tenant, samples) {
      if (samples.length === 0 || options.urls.length === 0) return;
      const series: WriteSeries[] = samples.map((s) => ({ labels: s.labels, samples: [{ value: s.value, tsMs: s.tsMs }] }));
      const body = compressSync(Buffer.from(encodeWriteRequest(series)));
      await Promise.all(
        options.urls.map(async (url) => {
          const reason = await post(url, body, tenant, options);
          if (reason === '') sent.inc({ url }, samples.length);
          else {
            failed.inc({ url, reason }, samples.length);
            options.logger?.warn('remote write failed', { url, reason, samples: samples.length });
          }
        }),
      );
    },
  };
}

/** '' when the receiver took the samples, else the failure reason label (`http_<status>` or `network`). */
async function post(url: string, body: Buffer, tenant: string, options: RemoteWriterOptions): Promise<string> {
  const result = await postWithRetry(url, body, {
    attempts: options.attempts,
    timeoutMs: options.timeoutMs,
    headers: {
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
      'X-Scope-OrgID': tenant,
    },
  });
  if (result.ok) return '';
  return result.status === 0 ? 'network' : `http_${result.status}`;
}
