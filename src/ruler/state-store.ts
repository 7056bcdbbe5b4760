import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Alert } from './alerting-rule.js';
import type { RuleGroup } from './group.js';

/**
 * Alert state kept across restarts, so a restart neither pages again nor
 * forgets what is firing: one JSON file, replaced atomically (write, fsync,
 * rename) after evaluations that changed it.
 */
export interface AlertStateStore {
  /** The alerts saved for one rule, or undefined. */
  alertsFor(groupKey: string, ruleIndex: number, alertName: string): Alert[] | undefined;
  save(groups: readonly RuleGroup[]): Promise<void>;
}

type Saved = Record<string, Alert[]>;

export function createAlertStateStore(path: string): AlertStateStore {
  let saved: Saved = {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: number; rules?: Saved };
    if (parsed.version === 1 && parsed.rules) saved = parsed.rules;
  } catch {
    saved = {};
  }
  let lastWritten = JSON.stringify(saved);
  let writing: Promise<void> = Promise.resolve();
  const keyOf = (groupKey: string, ruleIndex: number, alertName: string): string => `${groupKey}#${ruleIndex}#${alertName}`;
  return {
    alertsFor(groupKey, ruleIndex, alertName) {
      return saved[keyOf(groupKey, ruleIndex, alertName)];
    },
    save(groups) {
      const next: Saved = {};
      for (const group of groups) {
        for (const [index, rule] of group.rules.entries()) {
          const alerts = rule.alerting?.alerts() ?? [];
          if (alerts.length > 0) next[keyOf(group.key, index, rule.desc.alert ?? '')] = alerts;
        }
      }
      const text = JSON.stringify(next);
      if (text === lastWritten) return writing;
      lastWritten = text;
      saved = next;
      writing = writing.then(() => writeAtomically(path, JSON.stringify({ version: 1, rules: next })));
      return writing;
    },
  };
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
