import { formatByteSize } from './go-time.js';

/**
 * Loki's push error texts (pkg/validation, pkg/ingester/stream.go), in the
 * wording of ../../../shared reference loki-http-api.md §0.6 and §1.6. The
 * server answers them verbatim, so every one lives here.
 */
export const pushMessages = {
  missingStreams: () => 'error at least one valid stream is required for ingestion',
  missingLabels: () => 'error at least one label pair is required per stream',
  invalidLabels: (labels: string, reason: string) => `Error parsing labels '${labels}' with error: ${reason}`,
  tooManyLabels: (stream: string, count: number, limit: number) => `entry for stream '${stream}' has ${count} label names; limit ${limit}`,
  labelNameTooLong: (stream: string, name: string) => `stream '${stream}' has label name too long: '${name}'`,
  labelValueTooLong: (stream: string, value: string) => `stream '${stream}' has label value too long: '${value}'`,
  lineTooLong: (limit: number, stream: string, bytes: number) =>
    `max entry size '${limit}' bytes exceeded for stream '${stream}' while adding an entry with length '${bytes}' bytes`,
  tooOld: (stream: string, ts: string, oldest: string) => `entry for stream '${stream}' has timestamp too old: ${ts}, oldest acceptable timestamp is: ${oldest}`,
  tooNew: (stream: string, ts: string) => `entry for stream '${stream}' has timestamp too new: ${ts}`,
  metadataDisallowed: (stream: string) =>
    `stream '${stream}' includes structured metadata, but this feature is disallowed. Please see \`limits_config.allow_structured_metadata\` or contact your Loki administrator to enable it`,
  metadataTooLarge: (stream: string, bytes: number, limit: number) =>
    `stream '${stream}' has structured metadata too large: '${bytes}' bytes, limit: '${limit}' bytes. Please see \`limits_config.max_structured_metadata_size\` or contact your Loki administrator to increase it.`,
  metadataTooMany: (stream: string, count: number, limit: number) =>
    `stream '${stream}' has too many structured metadata labels: '${count}', limit: '${limit}'. Please see \`limits_config.max_structured_metadata_entries_count\` or contact your Loki administrator to increase it.`,
  rateLimited: (tenant: string, limitBytes: number, lines: number, bytes: number) =>
    `ingestion rate limit exceeded for user ${tenant} (limit: ${limitBytes} bytes/sec) while attempting to ingest '${lines}' lines totaling '${bytes}' bytes, reduce log volume or contact your Loki administrator to see if the limit can be increased`,
  streamLimit: (stream: string, tenant: string) =>
    `maximum active stream limit exceeded when trying to create stream ${stream}, reduce the number of active streams (reduce labels or reduce label values), or contact your Loki administrator to see if the limit can be increased, user: '${tenant}'`,
  streamRateLimited: (limitBytes: number, stream: string, bytes: number) =>
    `Per stream rate limit exceeded (limit: ${formatByteSize(limitBytes)}/sec) while attempting to ingest for stream '${stream}' totaling ${formatByteSize(bytes)}, consider splitting a stream via additional labels or contact your Loki administrator to see if the limit can be increased`,
  tooFarBehind: (ts: string, oldest: string) => `entry too far behind, entry timestamp is: ${ts}, oldest acceptable timestamp is: ${oldest}`,
  entryIgnored: (goTime: string, reason: string) => `entry with timestamp ${goTime} ignored, reason: '${reason}',\n`,
  streamIgnoredSummary: (tenant: string, ignored: number, total: number, stream: string) =>
    `user '${tenant}', total ignored: ${ignored} out of ${total} for stream: ${stream}`,
} as const;

/**
 * Joins distinct validation messages as Loki's distributor does: each
 * distinct message once (in first-seen order), prefixed `N errors like: `
 * when it occurred N > 1 times, separated by `; `.
 */
export function joinValidationErrors(messages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m, (counts.get(m) ?? 0) + 1);
  const parts: string[] = [];
  for (const [m, n] of counts) parts.push(n > 1 ? `${n} errors like: ${m}` : m);
  return parts.join('; ');
}
