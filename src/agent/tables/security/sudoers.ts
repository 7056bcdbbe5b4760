import type { QueryContext, Row, TableImpl } from '../table.js';
import { isHostReadable, joinPath, listHostFiles, parentPath, readHostText, type HostContext } from './host-files.js';
import { trimAscii, trimChars } from '../lib/osquery-strings.js';

const sudoersPath = '/etc/sudoers';
/** sudoers(5): no more than 128 files may be nested. */
const maxNest = 128;
const sudoBlanks = '\t\v ';

/** One sudoers row as osquery fills it. */
export type SudoersRule = {
  source: string;
  header: string;
  rule_details: string;
};

/**
 * sudoers: /etc/sudoers split into a leading token (header) and the rest
 * (rule_details), following #include/@include and #includedir/@includedir
 * the way osquery does: relative targets resolve against the including
 * file's directory; files in an included directory whose name contains '.'
 * or ends in '~' are skipped; a line ending in '\' continues on the next
 * line (appended without the backslash). Comments and blank lines are
 * dropped, include lines are kept as rows. Nothing when /etc/sudoers is not
 * readable (it is mode 0440, so that means not root).
 */
export function* genSudoers(ctx: QueryContext): Iterable<Row> {
  if (!isHostReadable(ctx, sudoersPath)) return;
  const rules: SudoersRule[] = [];
  collectSudoersFile(ctx, sudoersPath, 1, rules);
  yield* rules;
}

/**
 * Appends the rules of one sudoers file, recursing into its includes. Like
 * osquery, each include followed raises this file's nesting level, so the
 * 128-file limit counts includes, not just depth.
 */
export function collectSudoersFile(ctx: HostContext, file: string, level: number, rules: SudoersRule[]): void {
  if (level > maxNest) return;
  const text = readHostText(ctx, file);
  if (text === undefined) return;
  let continues = false;
  for (const raw of text.split('\n')) {
    const line = trimAscii(raw);
    if (line === '') continue;
    const last = rules[rules.length - 1];
    if (continues && last) {
      continues = line.endsWith('\\');
      if (last.rule_details === '') last.header = last.header.slice(0, -1);
      else last.rule_details = last.rule_details.slice(0, -1);
      last.rule_details += line;
      continue;
    }
    const blank = findFirstOf(line, sudoBlanks);
    const header = trimChars(line.slice(0, blank), sudoBlanks);
    const isInclude = header === '#include' || header === '@include';
    const isIncludeDir = header === '#includedir' || header === '@includedir';
    if (line.startsWith('#') && !isInclude && !isIncludeDir) continue;
    const details = trimChars(blank < line.length ? line.slice(blank) : '', sudoBlanks);
    if (details === '' && (isInclude || isIncludeDir)) continue;
    if (!isInclude && !isIncludeDir && line.endsWith('\\')) continues = true;
    rules.push({ source: file, header, rule_details: details });
    if (!isInclude && !isIncludeDir) continue;
    const target = details.startsWith('/') ? details : joinPath(parentPath(file), details);
    if (isInclude) {
      collectSudoersFile(ctx, target, ++level, rules);
      continue;
    }
    for (const included of listHostFiles(ctx, target) ?? []) {
      const name = included.slice(included.lastIndexOf('/') + 1);
      if (name === '' || name.includes('.') || name.endsWith('~')) continue;
      collectSudoersFile(ctx, included, ++level, rules);
    }
  }
}

function findFirstOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i] as string)) return i;
  return text.length;
}

export const sudoersTable: TableImpl = {
  name: 'sudoers',
  generate: genSudoers,
  reads: ['/etc/sudoers', 'files it #include/@include-s', 'directories it #includedir/@includedir-s'],
  needsRoot: true,
};
