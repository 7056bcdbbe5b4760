import WebSocket from 'ws';
import { formatLabels } from '../../core/index.js';
import { apiUrl, authHeaders, type LokiClientOptions } from './loki-client.js';
import { formatTimestamp, type ApiStream, type PrintOptions } from './print-streams.js';

/**
 * Follows a query over the tail websocket (logcli query --tail) and prints each
 * entry as it arrives, with its full labels; resolves when the socket closes
 * or `signal` aborts.
 */
export function tailStream(
  client: LokiClientOptions,
  params: { query: string; startNs: bigint; limit: number },
  print: PrintOptions,
  signal?: AbortSignal,
): Promise<void> {
  const http = apiUrl(client, '/loki/api/v1/tail', {
    query: params.query,
    start: params.startNs.toString(),
    limit: String(params.limit),
    delay_for: '0',
  });
  const url = http.replace(/^http/, 'ws');
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: authHeaders(client) });
    const stop = (): void => socket.close();
    signal?.addEventListener('abort', stop, { once: true });
    socket.on('message', (data) => {
      let message: { streams?: ApiStream[]; dropped_entries?: unknown[] | null };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return;
      }
      for (const stream of message.streams ?? []) {
        for (const [ts, line] of stream.values) {
          if (print.mode === 'raw') print.write(line);
          else if (print.mode === 'jsonl') {
            print.write(JSON.stringify({ ...(print.noLabels ? {} : { labels: stream.stream }), line, timestamp: formatTimestamp(ts, print.utc, true) }));
          } else {
            const stamp = formatTimestamp(ts, print.utc, false);
            print.write(print.noLabels ? `${stamp} ${line.trim()}` : `${stamp} ${formatLabels(stream.stream)} ${line.trim()}`);
          }
        }
      }
      const dropped = message.dropped_entries?.length ?? 0;
      if (dropped > 0 && !print.quiet) print.note(`Server dropped ${dropped} entries`);
    });
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => reject(new Error(`Error response from server: ${body.trim()} (${res.statusCode ?? 0})`)));
    });
    socket.on('error', (err) => reject(err));
    socket.on('close', () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    });
  });
}
