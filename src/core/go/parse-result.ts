/**
 * The outcome of parsing a Go-formatted value without throwing: hot paths
 * (label filters, unwrap) parse once per log line and keep the Go error text
 * for `__error_details__`.
 */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A successful result. */
export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed result carrying the Go error text. */
export function fail<T>(error: string): ParseResult<T> {
  return { ok: false, error };
}
