import type { QueryContext, Row, TableImpl } from '../table.js';
import { readLink, readText } from '../lib/fs-read.js';

/**
 * Parses a hosts file as osquery does: blank lines and lines whose first
 * word starts with '#' are skipped; the first word is the address and the
 * following words up to one starting with '#' are joined by single spaces
 * into hostnames.
 */
export function parseEtcHosts(content: string): Array<{ address: string; hostnames: string }> {
  const out: Array<{ address: string; hostnames: string }> = [];
  for (const line of content.split('\n')) {
    const words = line.trim().split(/[\t ]+/).filter((w) => w !== '');
    const address = words[0];
    if (address === undefined || address.startsWith('#')) continue;
    const names: string[] = [];
    for (const w of words.slice(1)) {
      if (w.startsWith('#')) break;
      names.push(w);
    }
    out.push({ address, hostnames: names.join(' ') });
  }
  return out;
}

/**
 * etc_hosts (alias hosts): /etc/hosts, pid_with_namespace 0. With
 * `pid_with_namespace = N` the file is read as process N sees it, through
 * /proc/N/root (osquery enters N's mount namespace instead), and the rows
 * carry N; a pid whose mount namespace cannot be read yields nothing.
 */
export function* genEtcHosts(ctx: QueryContext): Iterable<Row> {
  if (!ctx.hasConstraint('pid_with_namespace')) {
    const content = readText(ctx.hostPath('/etc/hosts'));
    if (content === undefined) ctx.warn('Cannot read file: /etc/hosts');
    for (const r of parseEtcHosts(content ?? '')) yield { ...r, pid_with_namespace: 0 };
    return;
  }
  for (const pid of ctx.equals('pid_with_namespace')) {
    if (!/^\d+$/.test(pid) || !readLink(ctx.hostPath(`/proc/${pid}/ns/mnt`)).startsWith('mnt:[')) continue;
    const content = readText(ctx.hostPath(`/proc/${pid}/root/etc/hosts`));
    for (const r of parseEtcHosts(content ?? '')) yield { ...r, pid_with_namespace: Number(pid) };
  }
}

export const etcHostsTable: TableImpl = {
  name: 'etc_hosts',
  generate: genEtcHosts,
  reads: ['/etc/hosts', '/proc/<pid>/root/etc/hosts (pid_with_namespace)'],
};
