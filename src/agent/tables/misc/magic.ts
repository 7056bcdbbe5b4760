import type { QueryContext, Row, TableImpl } from '../table.js';
import { runTool } from './run-tool.js';

/** osquery's kMagicFiles, joined as it passes them to magic_load. */
export const defaultMagicDbFiles = '/usr/share/file/magic.mgc:/usr/share/misc/magic.mgc';

/** The three libmagic flag sets osquery uses, as file(1) options (MAGIC_NONE: no -L, so symlinks are described, not followed). */
const modes = [
  ['data', []],
  ['mime_type', ['--mime-type']],
  ['mime_encoding', ['--mime-encoding']],
] as const;

type Outcome = { readonly text: string } | { readonly missing: true } | { readonly loadError: string };

/**
 * One libmagic answer through file(1), which is libmagic's own front end:
 * `file --brief -h -m <dbs> [--mime-*] -- <path>`. A file that cannot be
 * opened still answers (`cannot open `x' (No such file or directory)`), as
 * magic_file does without MAGIC_ERROR; a database that does not load makes
 * file exit non-zero with nothing on stdout.
 */
function describe(hostPath: string, dbFiles: string, extra: readonly string[]): Outcome {
  const run = runTool('file', ['--brief', '-h', '-m', dbFiles, ...extra, '--', hostPath]);
  if (run.kind === 'missing') return { missing: true };
  if (run.kind === 'failed') return { loadError: run.message };
  if (run.status !== 0 && run.stdout === '') return { loadError: run.stderr.trim().replace(/^file: /, '') };
  return { text: run.stdout.replace(/\n$/, '') };
}

/**
 * magic: for each `path = …` (sorted, as osquery's std::set), libmagic's
 * description, MIME type and MIME encoding, with the magic databases of
 * `magic_db_files = …` constraints (joined with ':') or osquery's defaults.
 * Without file(1) the table is empty and says so; a database that does not
 * load gives osquery's warning and no rows.
 */
export function* genMagic(ctx: QueryContext): Iterable<Row> {
  const dbFiles = ctx.hasConstraint('magic_db_files') ? [...ctx.equals('magic_db_files')].sort().join(':') : defaultMagicDbFiles;
  const hostDbFiles = dbFiles
    .split(':')
    .map((f) => (f.startsWith('/') ? ctx.hostPath(f) : f))
    .join(':');
  for (const path of [...ctx.equals('path')].sort()) {
    ctx.checkDeadline();
    const row: Record<string, string> = { path, magic_db_files: dbFiles };
    for (const [column, extra] of modes) {
      const outcome = describe(ctx.hostPath(path), hostDbFiles, extra);
      if ('missing' in outcome) {
        ctx.warn('magic needs file(1) (Debian package file), which is not installed');
        return;
      }
      if ('loadError' in outcome) {
        ctx.warn(`Unable to load magic list of database: ${dbFiles} because: ${outcome.loadError}`);
        return;
      }
      row[column] = outcome.text;
    }
    yield row;
  }
}

export const magicTable: TableImpl = {
  name: 'magic',
  generate: genMagic,
  reads: ['file --brief [--mime-type|--mime-encoding] -m <magic_db_files> <path>'],
};
