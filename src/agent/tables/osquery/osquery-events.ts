import type { QueryContext, Row, TableImpl } from '../table.js';
import { linuxEventPublishers, linuxEventSubscribers } from './linux-event-plugins.js';

/**
 * osquery_events as osqueryi shows it with events disabled: every Linux
 * event publisher, then every subscriber, all inactive with zero
 * subscriptions, events and refreshes. osquery still registers them when
 * events are off, but never sets up publishers nor starts subscribers;
 * Watchpost has no event system yet, so this is always its answer.
 */
export function* genOsqueryEvents(_ctx: QueryContext): Iterable<Row> {
  const idle = { subscriptions: 0, events: 0, refreshes: 0, active: 0 };
  for (const publisher of linuxEventPublishers) yield { name: publisher, publisher, type: 'publisher', ...idle };
  for (const s of linuxEventSubscribers) yield { name: s.name, publisher: s.publisher, type: 'subscriber', ...idle };
}

export const osqueryEventsTable: TableImpl = {
  name: 'osquery_events',
  generate: genOsqueryEvents,
  reads: ['the event publishers and subscribers (events are disabled: all inactive)'],
};
