import type { DecoratorConfig } from './config-model.js';

/** Runs one SQL statement and returns its rows as column → text (NULL as ''). */
export type RunSql = (sql: string) => Promise<Array<Record<string, string>>>;

export type DecoratorPoint = 'load' | 'always' | 'interval';

export interface Decorations {
  /** Runs the decorators of one kind (interval ones whose period divides `tick`) and stores their columns. */
  run(point: DecoratorPoint, tick?: number): Promise<void>;
  /** The merged decorations: load, then always, then interval columns (later names overwrite). */
  current(): Readonly<Record<string, string>>;
  /** Forgets everything (config reload). */
  clear(): void;
}

/**
 * osquery's decorators: only the first row of each query is used (a
 * warning is reported when there are more), its columns become decorations;
 * a failing decorator is reported and skipped. `disabled` is
 * `--disable_decorators`.
 */
export function createDecorations(config: DecoratorConfig, runSql: RunSql, warn: (message: string) => void, disabled = false): Decorations {
  const bySource: Record<DecoratorPoint, Record<string, string>> = { load: {}, always: {}, interval: {} };
  let merged: Record<string, string> = {};

  async function runAll(queries: readonly string[], into: Record<string, string>): Promise<void> {
    for (const sql of queries) {
      try {
        const rows = await runSql(sql);
        if (rows.length > 1) warn(`Decorator query returned more than one row: ${sql}`);
        const first = rows[0];
        if (first) Object.assign(into, first);
      } catch (err) {
        warn(`Error running decorator query: ${sql}: ${(err as Error).message}`);
      }
    }
  }

  return {
    async run(point, tick = 0) {
      if (disabled) return;
      const into: Record<string, string> = {};
      if (point === 'load') await runAll(config.load, into);
      else if (point === 'always') await runAll(config.always, into);
      else {
        const due = config.interval.filter((d) => tick % d.periodS === 0);
        if (due.length === 0) return;
        Object.assign(into, bySource.interval);
        for (const d of due) await runAll(d.queries, into);
      }
      bySource[point] = into;
      merged = { ...bySource.load, ...bySource.always, ...bySource.interval };
    },
    current: () => merged,
    clear() {
      bySource.load = {};
      bySource.always = {};
      bySource.interval = {};
      merged = {};
    },
  };
}
