/**
 * JSON seen the way osquery's Chrome code sees it: through a
 * boost::property_tree::iptree. Every scalar is text (`true`, `1`, `null`),
 * keys match case-insensitively, a path is dot-separated, an array is a node
 * whose children have empty keys, and an object or array node reads as ''
 * where a value is asked for. Values are what JSON.parse returns.
 */

/** A node's own value: scalars as text, objects and arrays as ''. */
export function readPtreeValue(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (node === null) return 'null';
  return '';
}

/** The child at a dot-separated path (first case-insensitive key match at each step), or undefined. */
export function findPtreeChild(node: unknown, path: string): unknown {
  let current = node;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    const wanted = segment.toLowerCase();
    const key = Object.keys(current).find((k) => k.toLowerCase() === wanted);
    if (key === undefined) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A node's children as [key, child] pairs; array elements have key ''. Scalars have none. */
export function listPtreeChildren(node: unknown): Array<[string, unknown]> {
  if (Array.isArray(node)) return node.map((child) => ['', child]);
  if (typeof node === 'object' && node !== null) return Object.entries(node);
  return [];
}

/**
 * boost's write_json(stream, node, pretty = false): the root is always
 * written as an object (so an array root becomes `{"":"a","":"b"}`), a node
 * without children as its quoted text (an empty array or object becomes
 * `""`), a node whose keys are all empty as an array; strings escape '/',
 * control characters and every byte outside ASCII (as `\u00XX`); a newline ends it.
 */
export function writePtreeJson(root: unknown): string {
  return `${writeNode(root, true)}\n`;
}

function writeNode(node: unknown, isRoot: boolean): string {
  const children = listPtreeChildren(node);
  if (!isRoot && children.length === 0) return `"${escapePtreeString(readPtreeValue(node))}"`;
  if (!isRoot && children.every(([key]) => key === '')) return `[${children.map(([, child]) => writeNode(child, false)).join(',')}]`;
  return `{${children.map(([key, child]) => `"${escapePtreeString(key)}":${writeNode(child, false)}`).join(',')}}`;
}

const shortEscapes: Readonly<Record<number, string>> = { 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 47: '\\/', 34: '\\"', 92: '\\\\' };

/** boost::property_tree's create_escapes, byte by byte over the UTF-8 text. */
export function escapePtreeString(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const short = shortEscapes[byte];
    if (short !== undefined) out += short;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\u${byte.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}
