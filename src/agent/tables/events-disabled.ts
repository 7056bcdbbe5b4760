import type { TableSpec } from '../specs/index.js';
import type { TableImpl } from './table.js';

/**
 * Event-based tables (`*_events`) read osquery's local event store. With
 * events disabled — osquery's default, and always so in the shell — querying
 * one logs `Table <t> is event-based but events are disabled` and returns no
 * rows; these implementations do exactly that for every evented spec that
 * has no event publisher in Watchpost yet.
 */
export function createEventsDisabledTables(specs: Iterable<TableSpec>, implemented: ReadonlySet<string>): TableImpl[] {
  const out: TableImpl[] = [];
  for (const spec of specs) {
    if (!spec.evented || implemented.has(spec.name)) continue;
    out.push({
      name: spec.name,
      reads: ['the event store (events are disabled: no rows)'],
      generate(ctx) {
        ctx.warn(`Table ${spec.name} is event-based but events are disabled`);
        return [];
      },
    });
  }
  return out;
}
