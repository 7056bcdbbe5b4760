import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readText } from '../lib/fs-read.js';
import { createProtocolTable } from './ip-protocols.js';
import { buildIptablesRows } from './iptables-rows.js';
import { parseIptablesSave } from './iptables-save-parser.js';

export interface IptablesOptions {
  /** iptables-save binaries to try, first existing wins. */
  readonly commands?: readonly string[];
  /** Time limit for one iptables-save run. */
  readonly timeoutMs?: number;
}

const defaultCommands = ['/usr/sbin/iptables-save', '/sbin/iptables-save'];
const defaultTimeoutMs = 5_000;

/**
 * The iptables table over `iptables-save -c` (osquery reads the same state
 * through libiptc, which Watchpost does not have). Whichever backend the
 * host's iptables-save uses (nf_tables or legacy) is what it reports. Without
 * iptables-save, or when it fails (not root), the table is empty and one
 * warning says why.
 */
export function createIptablesGenerator(options: IptablesOptions = {}): (ctx: QueryContext) => Iterable<Row> {
  const commands = options.commands ?? defaultCommands;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  return function* genIptables(ctx: QueryContext): Iterable<Row> {
    const command = commands.find((c) => existsSync(c));
    if (command === undefined) {
      ctx.warn(`iptables-save not found (${commands.join(', ')}): the iptables table is empty`);
      return;
    }
    const output = runIptablesSave(command, timeoutMs);
    if (!output.ok) {
      ctx.warn(`${command} -c failed: ${output.error}`);
      return;
    }
    const protocols = createProtocolTable(readText(ctx.hostPath('/etc/protocols')) ?? '');
    yield* buildIptablesRows(parseIptablesSave(output.text), protocols);
  };
}

type SaveOutput = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

function runIptablesSave(command: string, timeoutMs: number): SaveOutput {
  const result = spawnSync(command, ['-c'], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (result.error) {
    const timedOut = (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    return { ok: false, error: timedOut ? `no answer within ${timeoutMs} ms` : result.error.message };
  }
  if (result.status !== 0) {
    const reason = result.stderr.trim().split('\n')[0] || `exit status ${result.status ?? result.signal}`;
    return { ok: false, error: reason };
  }
  return { ok: true, text: result.stdout };
}

export const iptablesTable: TableImpl = {
  name: 'iptables',
  generate: createIptablesGenerator(),
  reads: ['output of iptables-save -c (/usr/sbin or /sbin)', '/etc/protocols'],
  needsRoot: true,
};
