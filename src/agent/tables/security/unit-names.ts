/** Unit name rules of systemd.unit(5) that the systemd tables need. */

const unitTypes = ['service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer', 'slice', 'scope'];
const unitNamePattern = new RegExp(`^([A-Za-z0-9:_.\\\\-]+)(?:@([A-Za-z0-9:_.\\\\-]*))?\\.(${unitTypes.join('|')})$`);

/** The parts of a unit name: `getty@tty1.service` → prefix getty, instance tty1, type service. */
export interface UnitName {
  readonly name: string;
  readonly prefix: string;
  /** undefined for a plain unit, '' for a template (`getty@.service`), else the instance. */
  readonly instance: string | undefined;
  readonly type: string;
}

/** Splits a unit name, or undefined when it is not a valid one (so `foo.conf`, `README` are not units). */
export function parseUnitName(name: string): UnitName | undefined {
  if (name.length > 255) return undefined;
  const m = unitNamePattern.exec(name);
  if (!m) return undefined;
  return { name, prefix: m[1] as string, instance: m[2], type: m[3] as string };
}

/** `getty@tty1.service` → `getty@.service`; undefined when the name is not an instance. */
export function templateOf(unit: UnitName): string | undefined {
  return unit.instance ? `${unit.prefix}@.${unit.type}` : undefined;
}

/**
 * The D-Bus object path systemd gives a unit: every byte that is not an
 * ASCII letter (or a digit after the first byte) becomes _xx in lowercase hex.
 */
export function formatUnitObjectPath(id: string): string {
  if (id === '') return '/org/freedesktop/systemd1/unit/_';
  let label = '';
  const bytes = Buffer.from(id, 'utf8');
  bytes.forEach((b, i) => {
    const letter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
    const digit = b >= 0x30 && b <= 0x39;
    label += letter || (digit && i > 0) ? String.fromCharCode(b) : `_${b.toString(16).padStart(2, '0')}`;
  });
  return `/org/freedesktop/systemd1/unit/${label}`;
}

/** systemd's unit_name_unescape: `\xNN` is a byte and '-' is '/'. */
export function unescapeUnitText(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})|-/g, (all, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : '/'));
}

/**
 * Expands the name specifiers of systemd.unit(5) in a setting: %n %N %p %P
 * %i %I and %%. Other specifiers are left as written.
 */
export function expandUnitSpecifiers(text: string, unit: UnitName): string {
  const instance = unit.instance ?? '';
  const withoutType = unit.instance === undefined ? unit.prefix : `${unit.prefix}@${instance}`;
  const values: Record<string, string> = {
    n: unit.name,
    N: withoutType,
    p: unit.prefix,
    P: unescapeUnitText(unit.prefix),
    i: instance,
    I: unescapeUnitText(instance),
    '%': '%',
  };
  return text.replace(/%(.)/g, (all, ch: string) => values[ch] ?? all);
}
