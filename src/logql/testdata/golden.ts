/**
 * Golden case files in lezer style (shared/STYLE.md):
 *
 *     # name
 *     <input, one or more lines>
 *     ==>
 *     <expected output, one or more lines>
 *
 * Cases are separated by a blank line. Inputs may contain `#` lines (LogQL
 * comments): everything up to `==>` is input. `UPDATE_GOLDEN=1` rewrites the
 * expectations from the implementation, to be reviewed as a diff.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldenCase {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
}

export function parseGoldenFile(text: string): GoldenCase[] {
  const lines = text.split('\n');
  const cases: GoldenCase[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (!line.startsWith('# ')) throw new Error(`golden: expected "# name" at line ${i + 1}, got ${JSON.stringify(line)}`);
    const name = line.slice(2);
    i++;
    const input: string[] = [];
    while (i < lines.length && lines[i] !== '==>') input.push(lines[i++] as string);
    if (i >= lines.length) throw new Error(`golden: case ${JSON.stringify(name)} has no "==>"`);
    i++;
    const expected: string[] = [];
    while (i < lines.length) {
      const current = lines[i] as string;
      if (current === '' && (i + 1 >= lines.length || (lines[i + 1] as string).startsWith('# '))) break;
      expected.push(current);
      i++;
    }
    while (expected.length > 0 && expected[expected.length - 1] === '') expected.pop();
    cases.push({ name, input: input.join('\n'), expected: expected.join('\n') });
  }
  return cases;
}

export function formatGoldenFile(cases: readonly GoldenCase[]): string {
  return `${cases.map((c) => `# ${c.name}\n${c.input}\n==>\n${c.expected}`).join('\n\n')}\n`;
}

/** The `.txt` case files of a testdata folder, sorted. */
export function listGoldenFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(dir, name));
}

export function shouldUpdateGolden(): boolean {
  return process.env['UPDATE_GOLDEN'] === '1';
}

/** Rewrites a case file with the given actual outputs (UPDATE_GOLDEN=1). */
export function updateGoldenFile(path: string, cases: readonly GoldenCase[], actual: readonly string[]): void {
  writeFileSync(path, formatGoldenFile(cases.map((c, i) => ({ ...c, expected: actual[i] as string }))));
}

export function readGoldenFile(path: string): GoldenCase[] {
  return parseGoldenFile(readFileSync(path, 'utf8'));
}
