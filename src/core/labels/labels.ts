/**
 * Label sets shared by every component.
 *
 * Contract: a `Labels` value is a plain object of label name → value that is
 * never mutated once built. Its canonical text (`formatLabels`) is Loki's and
 * Prometheus's: names sorted, `{a="b", c="d"}`, values quoted like Go's
 * strconv.Quote. That text is the stream identity used as a map key everywhere.
 */
export type Labels = Readonly<Record<string, string>>;

/** `{a="b", c="d"}` with names sorted; `{}` for the empty set. */
export function formatLabels(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let out = '{';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (i > 0) out += ', ';
    out += `${name}=${quoteGoString(labels[name] as string)}`;
  }
  return `${out}}`;
}

/** A copy of `labels` with names in sorted order (stable JSON output). */
export function sortLabels(labels: Labels): Labels {
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) sorted[name] = labels[name] as string;
  return sorted;
}

const simpleEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
};

/** Go's strconv.Quote: printable Unicode kept, control characters escaped. */
export function quoteGoString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escaped = simpleEscapes[ch];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    const code = ch.codePointAt(0) as number;
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x80 && code < 0xa0) || code === 0xfffd || code === 0xad) {
      out += code === 0xfffd ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
