import { compressSync } from 'snappy';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../../core/index.js';
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

async function post(url: string, body: Buffer, tenant: string, options: RemoteWriterOptions): Promise<string> {
  const attempts = options.attempts ?? 3;
  let delayMs = 200;
  let reason = 'network';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Encoding': 'snappy',
          'Content-Type': 'application/x-protobuf',
          'X-Prometheus-Remote-Write-Version': '0.1.0',
          'User-Agent': 'Watchpost-ruler',
          'X-Scope-OrgID': tenant,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer();
      if (response.ok) return '';
      reason = `http_${response.status}`;
      if (response.status !== 429 && response.status < 500) return reason;
    } catch {
      reason = 'network';
    }
    if (attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs *= 2;
    }
  }
  return reason;
}
