/**
 * Loki's `sanitizeLabelKey`: trims spaces, maps every rune outside
 * `[A-Za-z0-9_]` to `_` (one per rune, so one per non-ASCII character), and
 * prefixes a leading digit with `_` when `isPrefix`. Empty stays empty.
 */
export function sanitizeLabelKey(key: string, isPrefix: boolean): string {
  if (key === '') return key;
  let clean = true;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!isLabelChar(c)) {
      clean = false;
      break;
    }
  }
  if (clean) {
    const first = key.charCodeAt(0);
    return isPrefix && first >= 48 && first <= 57 ? `_${key}` : key;
  }
  const trimmed = key.trim();
  if (trimmed === '') return trimmed;
  let out = '';
  for (const ch of trimmed) {
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && isLabelChar(c) ? ch : '_';
  }
  const first = out.charCodeAt(0);
  return isPrefix && first >= 48 && first <= 57 ? `_${out}` : out;
}

function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Prometheus `model.LabelName.IsValid` (legacy: `[a-zA-Z_][a-zA-Z0-9_]*`). */
export function isValidLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
