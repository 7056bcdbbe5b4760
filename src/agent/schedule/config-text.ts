/**
 * osquery's config preprocessing, before the JSON parser sees the text:
 * (1) every backslash-newline pair is deleted (the bundled packs continue long
 * SQL strings over lines this way), (2) lines whose first non-blank
 * characters are `#` or `//` are dropped, (3) each line is trimmed.
 *
 * The result keeps, for each of its lines, the 1-based line of the original
 * file it starts on, so parse and validation errors can name the line the
 * user wrote.
 */
export interface PreparedConfigText {
  readonly text: string;
  /** lineMap[i] is the original line of output line i + 1. */
  readonly lineMap: readonly number[];
}

/** Applies osquery's comment stripping and line joins; see PreparedConfigText. */
export function prepareConfigText(raw: string): PreparedConfigText {
  const source = raw.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  const lineMap: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const startLine = i + 1;
    let line = source[i] ?? '';
    // A backslash right before the newline joins the next line in (the pair is deleted).
    while (line.endsWith('\\') && i + 1 < source.length) {
      line = line.slice(0, -1) + (source[++i] ?? '');
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || trimmed.startsWith('//')) continue;
    out.push(trimmed);
    lineMap.push(startLine);
  }
  return { text: out.join('\n'), lineMap };
}

/** The original line for a 1-based line of the prepared text. */
export function originalLine(prepared: PreparedConfigText, line: number): number {
  return prepared.lineMap[line - 1] ?? prepared.lineMap.at(-1) ?? 1;
}
