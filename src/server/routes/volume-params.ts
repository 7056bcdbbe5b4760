import { WatchpostError } from '../../core/index.js';
import type { StreamSelector } from '../../logql/index.js';
import { parseGoInt } from '../http/params.js';

export interface VolumeParams {
  /** The biggest groups to return (`limit`, default 100). */
  readonly limit: number;
  readonly aggregateBy: 'series' | 'labels';
  /** `targetLabels`, or else the selector's label names in order, once each. */
  readonly names: readonly string[];
}

/**
 * The parameters `/index/volume` and `/index/volume_range` share, read as
 * Loki does; an unknown `aggregateBy` is Loki's `invalid aggregation option`.
 */
export function parseVolumeParams(form: URLSearchParams, selector: StreamSelector): VolumeParams {
  const limitText = form.get('limit');
  const limit = limitText === null || limitText === '' ? 100 : Number(parseGoInt(limitText));
  const aggregateBy = form.get('aggregateBy') ?? 'series';
  if (aggregateBy !== 'series' && aggregateBy !== 'labels') throw new WatchpostError('ERR_API_BAD_REQUEST', `invalid aggregation option: ${aggregateBy}`);
  const target = (form.get('targetLabels') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const names = target.length ? target : [...new Set(selector.matchers.map((m) => m.name))];
  return { limit, aggregateBy, names };
}
