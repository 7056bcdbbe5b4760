import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WatchpostError, type Labels } from '../../core/index.js';
import type { LineFilter, StreamSelector } from '../../logql/index.js';
import type { DeleteRequestInfo, DeleteRequestInput } from '../types.js';
import { compileSelector, type LabelPredicate } from '../index/match-labels.js';

interface StoredRequest {
  readonly info: DeleteRequestInfo;
  readonly selector: StreamSelector;
  readonly lineFilters: readonly LineFilter[];
  readonly startNs: string;
  readonly endNs: string;
}

interface LiveRequest {
  readonly stored: StoredRequest;
  readonly matches: LabelPredicate;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly line: ((line: string) => boolean) | undefined;
}

/**
 * The delete API backend (Loki's compactor deletion, `deletion_mode:
 * filter-and-delete`). Requests are persisted in `delete-requests.json` and
 * take effect at once: every query hides the entries they cover
 * (start <= ts <= end, selector and line filters matching).
 */
export interface DeleteRequests {
  add(tenant: string, input: DeleteRequestInput, nowMs: number): Promise<DeleteRequestInfo>;
  list(tenant: string): DeleteRequestInfo[];
  /** Removes a request; a processed one only with `force`. Returns false when unknown. */
  cancel(tenant: string, requestId: string, force: boolean): Promise<boolean>;
  /** The mask for a stream: true = the entry is deleted. Undefined when nothing applies. */
  maskFor(tenant: string, labels: Labels): ((tsNs: bigint, line: string) => boolean) | undefined;
  /** Requests of every tenant still `received` and created at or before `createdBeforeMs`. */
  due(createdBeforeMs: number): DueRequest[];
  markProcessed(tenant: string, requestId: string): Promise<void>;
}

/** A received request ready to be applied to chunks. */
export interface DueRequest {
  readonly tenant: string;
  readonly requestId: string;
  readonly matches: LabelPredicate;
  readonly startNs: bigint;
  readonly endNs: bigint;
  /** True when the entry is deleted by this request. */
  readonly deletes: (tsNs: bigint, line: string) => boolean;
}

export async function loadDeleteRequests(dataDir: string): Promise<DeleteRequests> {
  const path = join(dataDir, 'delete-requests.json');
  const byTenant = new Map<string, LiveRequest[]>();
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    for (const stored of JSON.parse(text) as StoredRequest[]) addLive(stored);
  }

  function addLive(stored: StoredRequest): void {
    const live: LiveRequest = {
      stored,
      matches: compileSelector(stored.selector),
      startNs: BigInt(stored.startNs),
      endNs: BigInt(stored.endNs),
      line: compileLineFilters(stored.lineFilters),
    };
    const list = byTenant.get(stored.info.user_id) ?? [];
    list.push(live);
    byTenant.set(stored.info.user_id, list);
  }

  async function save(): Promise<void> {
    const all: StoredRequest[] = [];
    for (const list of byTenant.values()) for (const r of list) all.push(r.stored);
    await writeFile(`${path}.tmp`, JSON.stringify(all));
    await rename(`${path}.tmp`, path);
  }

  return {
    async add(tenant, input, nowMs) {
      const info: DeleteRequestInfo = {
        request_id: randomBytes(4).toString('hex'),
        start_time: nsToSeconds(input.startNs),
        end_time: nsToSeconds(input.endNs),
        query: input.query,
        status: 'received',
        created_at: Math.round(nowMs) / 1000,
        user_id: tenant,
      };
      addLive({ info, selector: input.selector, lineFilters: input.lineFilters ?? [], startNs: input.startNs.toString(), endNs: input.endNs.toString() });
      await save();
      return info;
    },
    list(tenant) {
      return (byTenant.get(tenant) ?? []).map((r) => r.stored.info);
    },
    async cancel(tenant, requestId, force) {
      const list = byTenant.get(tenant) ?? [];
      const i = list.findIndex((r) => r.stored.info.request_id === requestId);
      if (i < 0) return false;
      if ((list[i] as LiveRequest).stored.info.status === 'processed' && !force) {
        throw new WatchpostError('ERR_API_BAD_REQUEST', 'deletion of request which is in process or already processed is not allowed');
      }
      list.splice(i, 1);
      await save();
      return true;
    },
    due(createdBeforeMs) {
      const out: DueRequest[] = [];
      for (const [tenant, list] of byTenant) {
        for (const r of list) {
          if (r.stored.info.status !== 'received' || r.stored.info.created_at * 1000 > createdBeforeMs) continue;
          out.push({
            tenant,
            requestId: r.stored.info.request_id,
            matches: r.matches,
            startNs: r.startNs,
            endNs: r.endNs,
            deletes: (tsNs, line) => tsNs >= r.startNs && tsNs <= r.endNs && (r.line === undefined || r.line(line)),
          });
        }
      }
      return out;
    },
    async markProcessed(tenant, requestId) {
      const list = byTenant.get(tenant) ?? [];
      const i = list.findIndex((r) => r.stored.info.request_id === requestId);
      if (i < 0) return;
      const old = list[i] as LiveRequest;
      list[i] = { ...old, stored: { ...old.stored, info: { ...old.stored.info, status: 'processed' } } };
      await save();
    },
    maskFor(tenant, labels) {
      const list = byTenant.get(tenant);
      if (list === undefined || list.length === 0) return undefined;
      const applicable = list.filter((r) => r.matches(labels));
      if (applicable.length === 0) return undefined;
      return (tsNs, line) => {
        for (const r of applicable) {
          if (tsNs >= r.startNs && tsNs <= r.endNs && (r.line === undefined || r.line(line))) return true;
        }
        return false;
      };
    },
  };
}

function nsToSeconds(ns: bigint): number {
  return Number(ns / 1_000_000n) / 1000;
}

/** Line filters of a delete query, AND-ed; `|=`/`|~` alternatives OR-ed. */
export function compileLineFilters(filters: readonly LineFilter[]): ((line: string) => boolean) | undefined {
  if (filters.length === 0) return undefined;
  const tests = filters.map((f) => {
    const values = f.values.map((v) => v.value);
    switch (f.op) {
      case '|=':
        return (line: string) => values.some((v) => line.includes(v));
      case '!=':
        return (line: string) => !values.some((v) => line.includes(v));
      case '|~': {
        const res = values.map((v) => new RegExp(v));
        return (line: string) => res.some((re) => re.test(line));
      }
      case '!~': {
        const res = values.map((v) => new RegExp(v));
        return (line: string) => !res.some((re) => re.test(line));
      }
      default:
        throw new WatchpostError('ERR_API_BAD_REQUEST', `unsupported line filter ${f.op} in a delete request`);
    }
  });
  return (line) => tests.every((t) => t(line));
}
