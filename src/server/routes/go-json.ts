const htmlUnsafe = /[<>&\u2028\u2029]/g;
const hasHtmlUnsafe = /[<>&\u2028\u2029]/;
const escapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON as Go's encoding/json writes it: like JSON.stringify, plus the
 * HTML-safe escapes (`<` `>` `&` as \u003c \u003e \u0026, and U+2028/2029).
 * Those characters only occur inside strings in JSON text, so one pass over
 * the output is exact.
 */
export function encodeGoJson(value: unknown): string {
  const text = JSON.stringify(value);
  return hasHtmlUnsafe.test(text) ? text.replace(htmlUnsafe, (c) => escapes[c] as string) : text;
}
