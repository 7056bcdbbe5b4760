import { loadTableSpecs } from '../specs/index.js';
import { createTableRegistry } from './registry.js';

/**
 * docs/tables.md, generated from the registry and osquery's specs: every
 * table Watchpost answers, its columns, whether full results need root, and
 * what it reads. A test keeps the file in step with the code.
 */
export function renderTablesDoc(): string {
  const specs = loadTableSpecs();
  const registry = createTableRegistry();
  const names = [...registry.keys()].sort();
  const live = names.filter((n) => !specs.get(n)?.evented);
  const evented = names.filter((n) => specs.get(n)?.evented);
  const missing = [...specs.keys()].filter((n) => !registry.has(n)).sort();
  const lines = [
    '# Tables',
    '',
    'Generated from the table registry and osquery 5.23.1\'s Linux specs; do not edit by hand',
    '(`UPDATE_GOLDEN=1 npm run test:unit -- tables-doc`).',
    '',
    `Watchpost answers ${live.length} tables with live data and ${evented.length} event-based tables (with events`,
    'disabled, as in osquery\'s shell: a warning and no rows). Columns, types and hidden columns are osquery\'s;',
    'a hidden column is shown in *italics*.',
    '',
    '| table | needs root | reads | columns |',
    '|---|---|---|---|',
  ];
  for (const name of live) {
    const impl = registry.get(name);
    const spec = specs.get(name);
    if (!impl || !spec) continue;
    const columns = spec.columns
      .filter((c) => !c.foreignPlatformOnly)
      .map((c) => (c.hidden ? `*${c.name}*` : c.name) + (c.required ? ' (required)' : c.index ? ' (index)' : ''))
      .join(', ');
    lines.push(`| \`${name}\` | ${impl.needsRoot ? 'yes' : 'no'} | ${impl.reads.join('; ').replaceAll('|', '\\|')} | ${columns} |`);
  }
  lines.push('', '## Event-based tables', '', evented.map((n) => `\`${n}\``).join(', ') || '(none)', '');
  lines.push('## osquery tables not implemented yet', '', 'These fail with `no such table`.', '', missing.map((n) => `\`${n}\``).join(', ') || '(none)', '');
  return lines.join('\n');
}
