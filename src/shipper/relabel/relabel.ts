import { createHash } from 'node:crypto';
import type { RelabelConfig } from '../config/types.js';

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Applies Prometheus relabel rules to a label set, returning the new set or
 * null when a keep/drop rule removes the target. The input is not mutated.
 */
export function applyRelabelConfigs(labels: Readonly<Record<string, string>>, configs: readonly RelabelConfig[]): Record<string, string> | null {
  let out: Record<string, string> = { ...labels };
  for (const cfg of configs) {
    const next = applyOne(out, cfg);
    if (next === null) return null;
    out = next;
  }
  return out;
}

function applyOne(labels: Record<string, string>, cfg: RelabelConfig): Record<string, string> | null {
  const value = cfg.sourceLabels.map((name) => labels[name] ?? '').join(cfg.separator);
  switch (cfg.action) {
    case 'drop':
      return matches(cfg.regex, value) ? null : labels;
    case 'keep':
      return matches(cfg.regex, value) ? labels : null;
    case 'dropequal':
      return labels[cfg.targetLabel] === value ? null : labels;
    case 'keepequal':
      return labels[cfg.targetLabel] === value ? labels : null;
    case 'replace': {
      const m = cfg.regex.exec(value);
      if (!m) return labels;
      const target = expandTemplate(cfg.targetLabel, m);
      if (!labelName.test(target)) return labels;
      const res = expandTemplate(cfg.replacement, m);
      if (res === '') delete labels[target];
      else labels[target] = res;
      return labels;
    }
    case 'lowercase':
      labels[cfg.targetLabel] = value.toLowerCase();
      return labels;
    case 'uppercase':
      labels[cfg.targetLabel] = value.toUpperCase();
      return labels;
    case 'hashmod': {
      const digest = createHash('md5').update(value).digest();
      labels[cfg.targetLabel] = String(digest.readBigUInt64BE(8) % BigInt(cfg.modulus));
      return labels;
    }
    case 'labelmap': {
      const out: Record<string, string> = { ...labels };
      for (const [name, v] of Object.entries(labels)) {
        const m = cfg.regex.exec(name);
        if (m) out[expandTemplate(cfg.replacement, m)] = v;
      }
      return out;
    }
    case 'labeldrop':
      for (const name of Object.keys(labels)) if (matches(cfg.regex, name)) delete labels[name];
      return labels;
    case 'labelkeep':
      for (const name of Object.keys(labels)) if (!matches(cfg.regex, name)) delete labels[name];
      return labels;
  }
}

function matches(regex: RegExp, value: string): boolean {
  regex.lastIndex = 0;
  return regex.test(value);
}

/**
 * Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. A name is the
 * longest run of word characters, so `$1x` names group "1x" (empty).
 */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  if (!template.includes('$')) return template;
  return template.replace(/\$\$|\$\{([^}]*)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}
