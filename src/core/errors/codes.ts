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
  ERR_NO_INPUT: { status: 404, exit: 66, summary: 'an input file does not exist or cannot be read' },
  ERR_INTERNAL: { status: 500, exit: 70, summary: 'internal error' },
} as const satisfies Record<string, { status: number; exit: number; summary: string }>;

export type ErrorCode = keyof typeof codes;
