import type { QueryContext, Row, TableImpl } from '../table.js';
import { listHostFiles, readHostText } from './host-files.js';
import { parseIniTree } from './ini-tree.js';
import { namespaceUnsupported } from './namespace-unsupported.js';

const yumConf = '/etc/yum.conf';
const defaultReposDir = '/etc/yum.repos.d';
const repoColumns = new Set(['name', 'baseurl', 'enabled', 'gpgcheck', 'gpgkey', 'mirrorlist', 'metalink']);

/** The repositories one yum INI file declares, and its [main] reposdir. */
export interface YumFile {
  readonly repos: Record<string, string>[];
  readonly reposDir: string;
}

/**
 * Reads one yum file as osquery does: every top-level node but [main] is a
 * repository row (a stray top-level key too, with no columns), keeping only
 * the columns of the table. A file read_ini rejects yields no rows and the
 * default reposdir.
 */
export function parseYumFile(text: string): YumFile {
  const nodes = parseIniTree(text);
  if (!nodes) return { repos: [], reposDir: defaultReposDir };
  const main = nodes.find((n) => n.name === 'main');
  const reposDir = main?.keys.find(([k]) => k === 'reposdir')?.[1] ?? defaultReposDir;
  const repos = nodes
    .filter((n) => n.name !== 'main')
    .map((n) => Object.fromEntries(n.keys.filter(([k]) => repoColumns.has(k))));
  return { repos, reposDir };
}

/**
 * yum_sources: the repositories of /etc/yum.conf, then of every
 * `<reposdir>/*.repo` (reposdir from yum.conf's [main], default
 * /etc/yum.repos.d), with pid_with_namespace 0. No yum, no rows. A
 * `pid_with_namespace` constraint is not supported (warning, no rows).
 */
export function* genYumSources(ctx: QueryContext): Iterable<Row> {
  if (ctx.hasConstraint('pid_with_namespace')) {
    ctx.warn(namespaceUnsupported('yum_sources'));
    return;
  }
  const conf = readHostText(ctx, yumConf);
  const top = conf === undefined ? { repos: [], reposDir: defaultReposDir } : parseYumFile(conf);
  for (const repo of top.repos) yield { ...repo, source: yumConf, pid_with_namespace: 0 };
  const files = (listHostFiles(ctx, top.reposDir) ?? []).filter((f) => f.endsWith('.repo'));
  for (const file of files) {
    const text = readHostText(ctx, file);
    if (text === undefined) continue;
    for (const repo of parseYumFile(text).repos) yield { ...repo, source: file, pid_with_namespace: 0 };
  }
}

export const yumSourcesTable: TableImpl = {
  name: 'yum_sources',
  generate: genYumSources,
  reads: ['/etc/yum.conf', '/etc/yum.repos.d/*.repo (or yum.conf reposdir)'],
};
