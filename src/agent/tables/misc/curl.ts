import type { QueryContext, Row, TableImpl } from '../table.js';
import { httpGetSync } from './sync-http-client.js';

/** osquery's kOsqueryUserAgent. */
export const defaultUserAgent = 'osquery';

/** osquery's sanitizeHttpHeaderValue: CR and LF removed, so a user agent cannot inject headers. */
export function sanitizeHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

/**
 * curl: one GET per distinct `url = …` (sorted, as osquery's std::set), with
 * the single `user_agent = …` value (CR/LF removed) or `osquery` as the
 * User-Agent, following redirects, within osquery's 16 s transport timeout.
 * A row is returned for every URL; when the request fails only url, method
 * and user_agent are set and the error is logged. round_trip_time is in
 * microseconds; bytes is the body's length in bytes; result is the body as
 * UTF-8 text. Two user agents make osquery refuse the query (a warning, no
 * rows); LIKE on url is not supported and only warned about.
 */
export function* genCurl(ctx: QueryContext): Iterable<Row> {
  const userAgents = ctx.equals('user_agent');
  if (userAgents.length > 1) {
    ctx.warn('Can only accept a single user_agent');
    return;
  }
  if (ctx.constraints('url').some((c) => c.op === 'LIKE')) ctx.warn('Using LIKE clause for url is not supported');
  const userAgent = userAgents[0] === undefined ? defaultUserAgent : sanitizeHeaderValue(userAgents[0]);
  for (const url of [...ctx.equals('url')].sort()) {
    ctx.checkDeadline();
    const row: Record<string, string | number> = { url, method: 'GET', user_agent: userAgent };
    const res = httpGetSync(url, { headers: { 'User-Agent': userAgent } });
    if (res.ok) {
      row.response_code = res.status;
      row.round_trip_time = res.elapsedUs;
      row.result = res.body.toString('utf8');
      row.bytes = res.body.length;
    } else {
      ctx.warn(`Error making request: ${res.message}`);
    }
    yield row;
  }
}

export const curlTable: TableImpl = {
  name: 'curl',
  generate: genCurl,
  reads: ['HTTP(S) GET of each url constraint'],
};
