import { WatchpostError } from '../../core/index.js';
import type { Constraint, Row, SystemPaths, TableImpl } from '../tables/table.js';
import { createQueryContext } from './query-context.js';

const deadlineSlackMs = 2;

export interface GenerateRequest {
  readonly constraints: ReadonlyMap<string, readonly Constraint[]>;
  readonly usedColumns: ReadonlySet<string>;
  /** Identifies the plan and constraint values; equal keys within one statement reuse rows. */
  readonly cacheKey: string;
}

/**
 * State shared by every virtual table during one statement: its deadline,
 * the rows already generated (a nested-loop join asks for the same rows
 * again), and the warnings raised so far.
 */
export class QueryRuntime {
  readonly #paths: SystemPaths;
  readonly #onWarning: (message: string) => void;
  #cache = new Map<string, Row[]>();
  #warned = new Set<string>();
  /** Tables whose needs-root warning this engine has given (once per table, not per statement). */
  readonly #rootWarned = new Set<string>();
  readonly #euid = process.geteuid?.() ?? 0;
  #deadlineMs = Number.POSITIVE_INFINITY;
  #timeoutMs = 0;

  constructor(paths: SystemPaths, onWarning: (message: string) => void) {
    this.#paths = paths;
    this.#onWarning = onWarning;
  }

  /** Starts a statement: clears the row cache and arms the deadline. */
  begin(timeoutMs: number): void {
    this.#cache = new Map();
    this.#warned = new Set();
    this.#timeoutMs = timeoutMs;
    this.#deadlineMs = Date.now() + timeoutMs;
  }

  /**
   * Whether the statement's time is up. Work cut short to end at the
   * deadline (sleep()) may wake a millisecond early by the wall clock, so
   * the last two milliseconds already count as expired.
   */
  get expired(): boolean {
    return Date.now() >= this.#deadlineMs - deadlineSlackMs;
  }

  /** Milliseconds left before the statement's deadline (0 once it has passed). */
  get remainingMs(): number {
    return Math.max(0, this.#deadlineMs - Date.now());
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /**
   * Runs a generator to completion. A timeout propagates; any other failure
   * is logged as a warning and the rows read so far are kept, as osquery
   * keeps a table usable when part of the system cannot be read.
   */
  generate(impl: TableImpl, request: GenerateRequest): Row[] {
    const key = impl.name + '\0' + request.cacheKey;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    if (impl.needsRoot && this.#euid !== 0 && !this.#rootWarned.has(impl.name)) {
      this.#rootWarned.add(impl.name);
      this.warn(`Table ${impl.name} needs root for complete results: running as uid ${this.#euid}, it returns what this user can read`);
    }
    const ctx = createQueryContext({
      table: impl.name,
      paths: this.#paths,
      constraints: request.constraints,
      usedColumns: request.usedColumns,
      deadlineMs: this.#deadlineMs,
      timeoutMs: this.#timeoutMs,
      warn: (m) => this.warn(m),
    });
    const rows: Row[] = [];
    try {
      for (const row of impl.generate(ctx)) rows.push(row);
    } catch (err) {
      if (err instanceof WatchpostError && err.code === 'ERR_AGENT_QUERY_TIMEOUT') throw err;
      this.warn(`Error generating table ${impl.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.#cache.set(key, rows);
    return rows;
  }

  warn(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#onWarning(message);
  }
}
