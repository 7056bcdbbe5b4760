import { WatchpostError } from '../../core/index.js';
import { aliasTarget, columnDefinition, isPushedDown, type ColumnSpec, type TableSpec } from '../specs/index.js';
import type { Constraint, ConstraintOp, Row, TableImpl } from '../tables/table.js';
import { toSqlValue, type SqlValue } from './cell-conversion.js';
import { setVtabError, sqliteCodes as S, type LoadedSqlite } from './sqlite-wasm.js';
import type { QueryRuntime } from './query-runtime.js';

const opNames = new Map<number, ConstraintOp>([
  [2, '='], [4, '>'], [8, '<='], [16, '<'], [32, '>='],
  [64, 'MATCH'], [65, 'LIKE'], [66, 'GLOB'], [67, 'REGEXP'],
]);
const rangeOps = new Set<ConstraintOp>(['>', '<=', '<', '>=']);
const builtinCollations = new Set(['NOCASE', 'BINARY', 'RTRIM']);
const unusableCost = 1e15;

interface PlanInfo {
  /** [column index, operator] per argv slot, in argv order. */
  readonly c: Array<[number, ConstraintOp]>;
  /** SQLite's colUsed mask, or -1 when every column must be assumed used. */
  readonly u: number;
}

interface Cursor {
  rows: Row[];
  index: number;
}

/**
 * The SQLite virtual-table module of one table, after osquery's
 * virtual_table.cpp: constraints on index/required/additional columns are
 * handed to the generator; a plan without a required column costs the most,
 * and if SQLite still runs it the statement fails with osquery's message.
 * SQLite re-checks every term on the returned rows (omit is never set).
 */
export function createTableModule(spec: TableSpec, impl: TableImpl, sqlite: LoadedSqlite, runtime: QueryRuntime): SQLiteModule {
  const { api, module } = sqlite;
  const declared = `CREATE TABLE x${columnDefinition({ ...spec, columns: spec.columns.map(declarableColumn) })}`;
  const names = spec.columns.map((c) => aliasTarget(spec, c.name));
  const cells = spec.columns.map((c, i) => ({ source: names[i] as string, type: c.type, empty: c.foreignPlatformOnly === true }));
  const required = spec.columns.flatMap((c, i) => (c.required ? [i] : []));
  const cursors = new Map<number, Cursor>();

  return {
    xConnect(db: number, _app: unknown, _argv: string[], _pVTab: number): number {
      api.declare_vtab(db, declared);
      return S.SQLITE_OK;
    },
    xBestIndex(_pVTab: number, info: IndexInfo): number {
      const plan: PlanInfo = { c: [], u: info.colUsed >= 2 ** 52 || info.colUsed < 0 ? -1 : info.colUsed };
      let pushed = false;
      info.aConstraint.forEach((con, i) => {
        const column = spec.columns[con.iColumn];
        const op = opNames.get(con.op);
        if (!con.usable || !column || !op || !isPushedDown(column)) return;
        if (rangeOps.has(op) && column.type === 'TEXT') return;
        plan.c.push([con.iColumn, op]);
        (info.aConstraintUsage[i] as { argvIndex: number }).argvIndex = plan.c.length;
        pushed = true;
      });
      const hasRequired = required.length === 0 || plan.c.some(([col]) => required.includes(col));
      info.idxStr = JSON.stringify(plan);
      info.estimatedCost = !hasRequired ? unusableCost : pushed ? 1 : 1e6;
      info.estimatedRows = pushed ? 10 : 1e5;
      return S.SQLITE_OK;
    },
    xDisconnect: () => S.SQLITE_OK,
    xDestroy: () => S.SQLITE_OK,
    xOpen(_pVTab: number, pCursor: number): number {
      cursors.set(pCursor, { rows: [], index: 0 });
      return S.SQLITE_OK;
    },
    xClose(pCursor: number): number {
      cursors.delete(pCursor);
      return S.SQLITE_OK;
    },
    xFilter(pCursor: number, _idxNum: number, idxStr: string | null, values: ArrayLike<number>): number {
      const cursor = cursors.get(pCursor) as Cursor;
      const plan = JSON.parse(idxStr ?? '{"c":[],"u":-1}') as PlanInfo;
      const pVTab = module.HEAP32[pCursor >> 2] as number;
      const constraints = new Map<string, Constraint[]>();
      const args: unknown[] = [];
      plan.c.forEach(([col, op], i) => {
        const value = api.value(values[i] as number) as string | number | bigint | null;
        args.push(value);
        const name = names[col] as string;
        const list = constraints.get(name) ?? [];
        list.push({ op, value });
        constraints.set(name, list);
      });
      if (required.length > 0 && !plan.c.some(([col]) => required.includes(col))) {
        setVtabError(module, pVTab, `Table ${spec.name} was queried without a required column in the WHERE clause`);
        return S.SQLITE_CONSTRAINT;
      }
      try {
        cursor.rows = runtime.generate(impl, { constraints, usedColumns: usedColumns(plan.u), cacheKey: idxStr + JSON.stringify(args, bigintJson) });
        cursor.index = 0;
        return S.SQLITE_OK;
      } catch (err) {
        const message = err instanceof WatchpostError ? err.message : `error generating table ${spec.name}: ${String(err)}`;
        setVtabError(module, pVTab, message);
        return S.SQLITE_ERROR;
      }
    },
    xNext(pCursor: number): number {
      (cursors.get(pCursor) as Cursor).index++;
      return S.SQLITE_OK;
    },
    xEof(pCursor: number): number {
      const c = cursors.get(pCursor) as Cursor;
      return c.index >= c.rows.length ? 1 : 0;
    },
    xColumn(pCursor: number, pContext: number, iCol: number): number {
      const c = cursors.get(pCursor) as Cursor;
      const cell = cells[iCol];
      if (!cell) return S.SQLITE_ERROR;
      const raw = cell.empty ? undefined : c.rows[c.index]?.[cell.source];
      setResult(sqlite, pContext, toSqlValue(raw, cell.type), cell.type === 'DOUBLE');
      return S.SQLITE_OK;
    },
    xRowid(pCursor: number, pRowid: DataView): number {
      pRowid.setBigInt64(0, BigInt((cursors.get(pCursor) as Cursor).index), true);
      return S.SQLITE_OK;
    },
  };

  function usedColumns(mask: number): ReadonlySet<string> {
    if (mask < 0) return new Set(names);
    const used = new Set<string>();
    names.forEach((n, i) => {
      // Bit 63 stands for "column 63 or later"; beyond 52 bits the mask is imprecise.
      if (i >= 52 || Math.floor(mask / 2 ** i) % 2 === 1) used.add(n);
    });
    return used;
  }
}

interface IndexInfo {
  aConstraint: Array<{ iColumn: number; op: number; usable: boolean }>;
  aConstraintUsage: Array<{ argvIndex: number; omit: boolean }>;
  idxNum: number;
  idxStr: string | null;
  estimatedCost: number;
  estimatedRows: number;
  colUsed: number;
}

// Version collations (VERSION, VERSION_DPKG, …) are not registered in the
// WebAssembly build; such columns compare as BINARY but still print their
// COLLATE clause in `.schema`.
function declarableColumn(c: ColumnSpec): ColumnSpec {
  if (!c.collate || builtinCollations.has(c.collate)) return c;
  const { collate: _dropped, ...rest } = c;
  return rest;
}

function setResult({ api }: LoadedSqlite, ctx: number, value: SqlValue, isDouble: boolean): void {
  if (value === null) api.result_null(ctx);
  else if (typeof value === 'string') api.result_text(ctx, value);
  else if (typeof value === 'bigint') api.result_int64(ctx, value);
  else if (isDouble || !Number.isInteger(value)) api.result_double(ctx, value);
  else if (value >= -0x80000000 && value <= 0x7fffffff) api.result_int(ctx, value);
  else api.result_int64(ctx, BigInt(value));
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
