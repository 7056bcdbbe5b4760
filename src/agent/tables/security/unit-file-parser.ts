/**
 * A systemd unit file (systemd.syntax(7)) reduced to what the systemd_units
 * fallback needs: the last value of each key per section, and which
 * [Install] keys are set.
 */
export interface UnitFileSettings {
  /** section → key → last assigned value ('' after an empty assignment). */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Parses unit file text: '#' and ';' lines are comments, a trailing '\'
 * joins the next line with a space (comment lines inside such a run are
 * dropped), "[Section]" opens a section, "Key=Value" assigns with both sides
 * trimmed and later assignments winning. Lines before any section and lines
 * without '=' are ignored, as systemd ignores them with a warning.
 */
export function parseUnitFile(text: string): UnitFileSettings {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let pending: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending !== undefined && (line.startsWith('#') || line.startsWith(';'))) continue;
    if (pending === undefined && (line === '' || line.startsWith('#') || line.startsWith(';'))) continue;
    if (line.endsWith('\\') && !line.endsWith('\\\\')) {
      pending = (pending ?? '') + line.slice(0, -1) + ' ';
      continue;
    }
    const full = (pending ?? '') + line;
    pending = undefined;
    if (full.startsWith('[') && full.endsWith(']')) {
      const name = full.slice(1, -1);
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = full.indexOf('=');
    if (!current || eq <= 0) continue;
    current.set(full.slice(0, eq).trim(), full.slice(eq + 1).trim());
  }
  if (pending !== undefined && current) {
    const eq = pending.indexOf('=');
    if (eq > 0) current.set(pending.slice(0, eq).trim(), pending.slice(eq + 1).trim());
  }
  return { sections };
}

/** The last value of a key in a section, or undefined when it is never assigned. */
export function readUnitSetting(settings: UnitFileSettings, section: string, key: string): string | undefined {
  return settings.sections.get(section)?.get(key);
}

/**
 * Layers drop-in settings over a unit file's, in the order given: a later
 * assignment of a key replaces an earlier one.
 */
export function mergeUnitSettings(layers: readonly UnitFileSettings[]): UnitFileSettings {
  const sections = new Map<string, Map<string, string>>();
  for (const layer of layers) {
    for (const [name, keys] of layer.sections) {
      const target = sections.get(name) ?? new Map<string, string>();
      for (const [key, value] of keys) target.set(key, value);
      sections.set(name, target);
    }
  }
  return { sections };
}

/** What the [Install] section asks `systemctl enable` to do, for unit_file_state. */
export type InstallKind = 'rules' | 'also-only' | 'none';

/** 'rules' with WantedBy/RequiredBy/UpheldBy/Alias set, 'also-only' with only Also=, else 'none' (a static unit). */
export function describeInstall(settings: UnitFileSettings): InstallKind {
  const install = settings.sections.get('Install');
  if (!install) return 'none';
  const set = (key: string): boolean => (install.get(key) ?? '') !== '';
  if (['WantedBy', 'RequiredBy', 'UpheldBy', 'Alias'].some(set)) return 'rules';
  return set('Also') ? 'also-only' : 'none';
}
