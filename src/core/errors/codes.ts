/**
 * The one registry of Watchpost error codes. Each code carries the HTTP status
 * an API answers with and the sysexits-style code a CLI exits with.
 * docs/errors.md is generated from this table (scripts/gen-errors-doc.mjs).
 */
export const codes = {
  ERR_CLI_USAGE: { status: 400, exit: 64, summary: 'the command line is not understood' },
  ERR_CONFIG_INVALID: { status: 500, exit: 78, summary: 'configuration is invalid' },
  ERR_AGENT_SQL: { status: 400, exit: 1, summary: 'an SQL statement failed (syntax, unknown table, constraint)' },
  ERR_AGENT_READ_ONLY: { status: 403, exit: 1, summary: 'a statement tried to write, ATTACH or load an extension' },
  ERR_AGENT_QUERY_TIMEOUT: { status: 504, exit: 1, summary: 'a query ran past its time limit and was interrupted' },
  ERR_AGENT_TABLE: { status: 500, exit: 1, summary: 'a table generator failed while reading system state' },
  ERR_LOGQL_PARSE: { status: 400, exit: 65, summary: 'a LogQL query does not parse or fails validation' },
  ERR_QUERY_BAD_REQUEST: { status: 400, exit: 65, summary: 'a query request has a bad parameter (time, step, limit, direction)' },
  ERR_QUERY_LIMIT: { status: 400, exit: 65, summary: 'a query limit was exceeded (entries, series, range length)' },
  ERR_QUERY_PIPELINE: { status: 400, exit: 65, summary: 'a metric query met a pipeline error (__error__) it did not filter' },
  ERR_QUERY_EXECUTION: { status: 500, exit: 65, summary: 'a query failed while evaluating (duplicate series after matching or label_replace)' },
  ERR_QUERY_TIMEOUT: { status: 504, exit: 75, summary: 'query deadline exceeded' },
  ERR_API_BAD_REQUEST: { status: 400, exit: 65, summary: 'a request body or parameter is malformed' },
  ERR_API_BODY_TOO_LARGE: { status: 413, exit: 65, summary: 'request body over the limit' },
  ERR_API_UNAUTHORIZED: { status: 401, exit: 77, summary: 'no valid credentials were sent' },
  ERR_API_FORBIDDEN: { status: 403, exit: 77, summary: 'the credentials do not allow this tenant' },
  ERR_API_NOT_FOUND: { status: 404, exit: 66, summary: 'no such route or resource' },
  ERR_INGEST_INVALID: { status: 400, exit: 65, summary: 'pushed entries failed validation (labels, line size, timestamps)' },
  ERR_INGEST_RATE_LIMITED: { status: 429, exit: 75, summary: 'tenant or stream ingestion rate exceeded' },
  ERR_STORE_UNAVAILABLE: { status: 503, exit: 69, summary: 'storage not ready' },
  ERR_STORE_WRITE: { status: 500, exit: 74, summary: 'storage could not write durably (disk full, I/O error); nothing was acknowledged' },
  ERR_WAL_CORRUPT: { status: 500, exit: 65, summary: 'a write-ahead log segment is damaged past its last good record' },
  ERR_RULER_RULE_INVALID: { status: 400, exit: 78, summary: 'a rule file does not validate' },
  ERR_RULER_NOTIFY: { status: 502, exit: 69, summary: 'an Alertmanager or webhook did not accept notifications' },
  ERR_SHIP_PUSH: { status: 502, exit: 69, summary: 'the log store refused or did not answer a push' },
  ERR_SHIP_BUFFER_FULL: { status: 503, exit: 75, summary: 'the on-disk delivery buffer is full; reading paused' },
  ERR_NO_INPUT: { status: 404, exit: 66, summary: 'an input file does not exist or cannot be read' },
  ERR_INTERNAL: { status: 500, exit: 70, summary: 'internal error' },
} as const satisfies Record<string, { status: number; exit: number; summary: string }>;

export type ErrorCode = keyof typeof codes;
