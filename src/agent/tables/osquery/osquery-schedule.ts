import type { QueryContext, Row, TableImpl } from '../table.js';
import { getSchedulerView, type QueryPerformance } from './scheduler-view.js';

const neverRun: QueryPerformance = {
  executions: 0, lastExecuted: 0, outputSize: 0, wallTime: 0, wallTimeMs: 0, lastWallTimeMs: 0,
  userTimeMs: 0, lastUserTimeMs: 0, systemTimeMs: 0, lastSystemTimeMs: 0, averageMemory: 0, lastMemory: 0,
};

/**
 * osquery_schedule: one row per scheduled query of the running agent,
 * denylisted ones included, with zeros for a query that has not run yet (as
 * osquery). In `watchpost sql` there is no schedule, so no rows.
 */
export function* genOsquerySchedule(_ctx: QueryContext): Iterable<Row> {
  for (const q of getSchedulerView().scheduledQueries()) {
    const p = q.performance ?? neverRun;
    yield {
      name: q.name,
      query: q.query,
      interval: q.interval,
      denylisted: q.denylisted ? 1 : 0,
      executions: p.executions,
      last_executed: p.lastExecuted,
      output_size: p.outputSize,
      wall_time: p.wallTime,
      wall_time_ms: p.wallTimeMs,
      last_wall_time_ms: p.lastWallTimeMs,
      user_time: p.userTimeMs,
      last_user_time: p.lastUserTimeMs,
      system_time: p.systemTimeMs,
      last_system_time: p.lastSystemTimeMs,
      average_memory: p.averageMemory,
      last_memory: p.lastMemory,
    };
  }
}

export const osqueryScheduleTable: TableImpl = {
  name: 'osquery_schedule',
  generate: genOsquerySchedule,
  reads: ['the running agent\'s schedule (none in watchpost sql)'],
};
