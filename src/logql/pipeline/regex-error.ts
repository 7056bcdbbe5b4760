import { WatchpostError } from '../../core/index.js';

/** Go's regexp/syntax error text as ERR_LOGQL_PARSE: `error parsing regexp: <code>: \`<expr>\``. */
export function goRegexError(code: string, expr: string, cause?: unknown): WatchpostError {
  return new WatchpostError('ERR_LOGQL_PARSE', `error parsing regexp: ${code}: \`${expr}\``, { cause });
}
