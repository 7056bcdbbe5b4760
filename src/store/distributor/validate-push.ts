import { formatLabels, type Labels } from '../../core/index.js';
import type { LogEntry } from '../../logql/index.js';
import type { PushStream } from '../types.js';
import type { IngestLimits } from '../store-options.js';
import { formatRfc3339 } from './go-time.js';
import { pushMessages } from './messages.js';

/** One stream of a push after the distributor's checks. */
export interface ValidatedStream {
  /** Labels as stored: empty values dropped, `service_name` added. */
  readonly labels: Labels;
  readonly key: string;
  readonly entries: LogEntry[];
  /** Entry sizes as Loki counts them (line + structured metadata bytes). */
  readonly sizes: number[];
  /** UTF-8 bytes of each entry's line. */
  readonly lineBytes: number[];
}

export interface ValidatedPush {
  readonly streams: ValidatedStream[];
  /** One message per rejected entry or stream (joined later by joinValidationErrors). */
  readonly errors: string[];
  readonly lines: number;
  readonly bytes: number;
}

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const msPerNs = 1_000_000n;

/** Normalised labels + key per input key, so repeated pushes of a stream skip the work. */
export type LabelCache = Map<string, { labels: Labels; key: string; error: string | undefined; reported: string }>;

/**
 * The distributor's per-request validation (Loki pkg/distributor/validator.go):
 * label checks per stream, then per entry too old → too new → line too long →
 * structured metadata. Invalid streams/entries are dropped and reported;
 * the rest goes on.
 */
export function validatePush(streams: readonly PushStream[], limits: IngestLimits, nowMs: number, cache: LabelCache): ValidatedPush {
  const out: ValidatedStream[] = [];
  const errors: string[] = [];
  let lines = 0;
  let bytes = 0;
  const nowNs = BigInt(Math.floor(nowMs)) * msPerNs;
  const oldestNs = limits.rejectOldSamples ? nowNs - BigInt(limits.rejectOldSamplesMaxAgeMs) * msPerNs : undefined;
  const newestNs = nowNs + BigInt(limits.creationGracePeriodMs) * msPerNs;
  const byKey = new Map<string, ValidatedStream>();
  for (const stream of streams) {
    if (stream.entries.length === 0) continue;
    const normalised = normaliseLabels(stream.labels, limits, cache);
    if (normalised.error !== undefined) {
      errors.push(normalised.error);
      continue;
    }
    const shown = normalised.reported;
    let target = byKey.get(normalised.key);
    if (target === undefined) {
      target = { labels: normalised.labels, key: normalised.key, entries: [], sizes: [], lineBytes: [] };
      byKey.set(normalised.key, target);
      out.push(target);
    }
    for (const entry of stream.entries) {
      const ts = entry.tsNs;
      if (oldestNs !== undefined && ts < oldestNs) {
        errors.push(pushMessages.tooOld(shown, formatRfc3339(ts), formatRfc3339(oldestNs)));
        continue;
      }
      if (ts > newestNs) {
        errors.push(pushMessages.tooNew(shown, formatRfc3339(ts)));
        continue;
      }
      let line = entry.line;
      let lineBytes = Buffer.byteLength(line);
      let kept = entry;
      if (limits.maxLineSizeBytes > 0 && lineBytes > limits.maxLineSizeBytes) {
        if (!limits.maxLineSizeTruncate) {
          errors.push(pushMessages.lineTooLong(limits.maxLineSizeBytes, shown, lineBytes));
          continue;
        }
        line = Buffer.from(line).subarray(0, limits.maxLineSizeBytes).toString('utf8');
        lineBytes = Buffer.byteLength(line);
        kept = { ...entry, line };
      }
      let size = lineBytes;
      const metadata = entry.metadata;
      if (metadata !== undefined) {
        const names = Object.keys(metadata);
        if (names.length > 0) {
          if (!limits.allowStructuredMetadata) {
            errors.push(pushMessages.metadataDisallowed(shown));
            continue;
          }
          let metaBytes = 0;
          for (const n of names) metaBytes += Buffer.byteLength(n) + Buffer.byteLength(metadata[n] as string);
          if (limits.maxStructuredMetadataBytes > 0 && metaBytes > limits.maxStructuredMetadataBytes) {
            errors.push(pushMessages.metadataTooLarge(shown, metaBytes, limits.maxStructuredMetadataBytes));
            continue;
          }
          if (limits.maxStructuredMetadataEntries > 0 && names.length > limits.maxStructuredMetadataEntries) {
            errors.push(pushMessages.metadataTooMany(shown, names.length, limits.maxStructuredMetadataEntries));
            continue;
          }
          size += metaBytes;
        }
      }
      target.entries.push(kept);
      target.sizes.push(size);
      target.lineBytes.push(lineBytes);
      lines++;
      bytes += size;
    }
  }
  return { streams: out.filter((s) => s.entries.length > 0), errors, lines, bytes };
}

function normaliseLabels(input: Labels, limits: IngestLimits, cache: LabelCache): { labels: Labels; key: string; error: string | undefined; reported: string } {
  const inputKey = formatLabels(input);
  const cached = cache.get(inputKey);
  if (cached !== undefined) return cached;
  const kept: Record<string, string> = {};
  let count = 0;
  let error: string | undefined;
  for (const name of Object.keys(input).sort()) {
    const value = input[name] as string;
    if (value === '') continue;
    kept[name] = value;
    count++;
  }
  const reported = formatLabels(kept);
  const counted = kept.service_name === undefined ? count : count - 1;
  if (count === 0) error = pushMessages.missingLabels();
  else if (counted > limits.maxLabelNamesPerSeries) error = pushMessages.tooManyLabels(reported, counted, limits.maxLabelNamesPerSeries);
  else {
    for (const name in kept) {
      if (!labelNamePattern.test(name)) {
        error = pushMessages.invalidLabels(reported, `invalid label name: ${JSON.stringify(name)}`);
        break;
      }
      if (name.length > limits.maxLabelNameLength) {
        error = pushMessages.labelNameTooLong(reported, name);
        break;
      }
      if ((kept[name] as string).length > limits.maxLabelValueLength) {
        error = pushMessages.labelValueTooLong(reported, kept[name] as string);
        break;
      }
    }
  }
  let labels: Labels = kept;
  if (error === undefined && kept.service_name === undefined && limits.discoverServiceName.length > 0) {
    let service = 'unknown_service';
    for (const name of limits.discoverServiceName) {
      const v = kept[name];
      if (v !== undefined && v !== '') {
        service = v;
        break;
      }
    }
    labels = { ...kept, service_name: service };
  }
  const result = { labels, key: formatLabels(labels), error, reported };
  if (cache.size > 100_000) cache.clear();
  cache.set(inputKey, result);
  return result;
}
