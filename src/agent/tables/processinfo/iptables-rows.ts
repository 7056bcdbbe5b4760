import type { Row } from '../table.js';
import type { SavedTable } from './iptables-save-parser.js';
import { parseRuleColumns } from './iptables-rule.js';

/**
 * osquery's iptables rows for parsed iptables-save tables, in its order:
 * per chain, one row per rule and then one row for the chain itself. Every
 * row carries the chain's policy and the chain's policy counters (packets,
 * bytes) as osquery's genIPTablesRules fills them: a rule row repeats its
 * chain's counters, not its own, and a user-defined chain has policy '' and
 * counters 0. The chain row has no rule columns.
 */
export function buildIptablesRows(tables: readonly SavedTable[], protocols: ReadonlyMap<string, number>): Row[] {
  const rows: Row[] = [];
  for (const table of tables) {
    for (const chain of table.chains) {
      const builtin = chain.policy !== '-';
      const chainRow: Row = {
        filter_name: table.name,
        chain: chain.name,
        policy: builtin ? chain.policy : '',
        packets: builtin ? chain.packets : '0',
        bytes: builtin ? chain.bytes : '0',
      };
      for (const words of chain.rules) rows.push({ ...chainRow, ...parseRuleColumns(words, protocols) });
      rows.push(chainRow);
    }
  }
  return rows;
}
