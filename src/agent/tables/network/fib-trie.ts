/** One route alias of /proc/net/fib_trie. */
export interface FibEntry {
  /** `Main`, `Local`, or `Id <n>`. */
  readonly table: string;
  readonly address: string;
  readonly prefixLength: number;
  /** `host`, `link`, `universe`, … */
  readonly scope: string;
  /** `UNICAST`, `LOCAL`, `BROADCAST`, … */
  readonly type: string;
}

/**
 * Parses /proc/net/fib_trie: a section per table (`Main:`, `Local:`,
 * `Id 100:`), leaves `|-- 10.0.0.1`, and under each leaf one line per alias
 * `/32 host LOCAL`. The trie's inner nodes (`+-- 10.0.0.0/24 …`) are skipped.
 * When no policy rules exist the kernel merges main into local and prints
 * the same trie under both names.
 */
export function parseFibTrie(content: string): FibEntry[] {
  const out: FibEntry[] = [];
  let table = '';
  let leaf = '';
  for (const line of content.split('\n')) {
    const section = /^(\S.*):\s*$/.exec(line);
    if (section) {
      table = section[1] ?? '';
      leaf = '';
      continue;
    }
    const leafMatch = /^\s*\|-- (\S+)/.exec(line);
    if (leafMatch) {
      leaf = leafMatch[1] ?? '';
      continue;
    }
    const alias = /^\s*\/(\d+) (\S+) (\S+)/.exec(line);
    if (alias && leaf !== '' && table !== '') {
      out.push({ table, address: leaf, prefixLength: Number(alias[1]), scope: alias[2] ?? '', type: alias[3] ?? '' });
    }
  }
  return out;
}
