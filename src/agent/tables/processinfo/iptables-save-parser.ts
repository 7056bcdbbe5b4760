/** One chain of an iptables-save table, with its rules as argument words. */
export interface SavedChain {
  readonly name: string;
  /** ACCEPT, DROP... for a built-in chain; '-' for a user-defined one. */
  readonly policy: string;
  readonly packets: string;
  readonly bytes: string;
  /** Each rule's words after `-A <chain>`, quotes removed; the `[p:b]` prefix is dropped. */
  readonly rules: string[][];
}

export interface SavedTable {
  readonly name: string;
  readonly chains: SavedChain[];
}

/**
 * Parses `iptables-save [-c]` output (legacy or nf_tables backend): `*table`
 * opens a table, `:CHAIN POLICY [packets:bytes]` declares a chain,
 * `[p:b] -A CHAIN args` appends a rule, `COMMIT` closes the table. Comment
 * and blank lines are skipped; a rule for an undeclared chain declares it.
 * Tables and chains keep the order iptables-save printed them in.
 */
export function parseIptablesSave(text: string): SavedTable[] {
  const tables: SavedTable[] = [];
  let table: SavedTable | undefined;
  let chains = new Map<string, SavedChain>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      table = { name: line.slice(1).trim(), chains: [] };
      tables.push(table);
      chains = new Map();
    } else if (line === 'COMMIT') {
      table = undefined;
    } else if (table && line.startsWith(':')) {
      const chain = parseChainLine(line);
      if (chain && !chains.has(chain.name)) {
        chains.set(chain.name, chain);
        table.chains.push(chain);
      }
    } else if (table) {
      const words = splitSaveWords(line.startsWith('[') ? line.slice(line.indexOf(']') + 1) : line);
      if ((words[0] !== '-A' && words[0] !== '--append') || words[1] === undefined) continue;
      let chain = chains.get(words[1]);
      if (!chain) {
        chain = { name: words[1], policy: '-', packets: '0', bytes: '0', rules: [] };
        chains.set(chain.name, chain);
        table.chains.push(chain);
      }
      chain.rules.push(words.slice(2));
    }
  }
  return tables;
}

function parseChainLine(line: string): SavedChain | undefined {
  const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line);
  if (!m?.[1] || !m[2]) return undefined;
  return { name: m[1], policy: m[2], packets: m[3] ?? '0', bytes: m[4] ?? '0', rules: [] };
}

/**
 * Splits a rule line into words as a shell would for iptables-save's
 * quoting: whitespace separates words, double quotes group, and a backslash
 * inside quotes escapes the next character (`--comment "a \"b\""`).
 */
export function splitSaveWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quoted) {
      if (c === '\\' && i + 1 < line.length) word += line[++i];
      else if (c === '"') quoted = false;
      else word += c;
    } else if (c === '"') {
      quoted = true;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
