import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { WatchpostError } from '../../core/index.js';
import { parseDurationMs } from './duration.js';

/**
 * Strict reading of a YAML document, as go-yaml's UnmarshalStrict does for
 * promtail: every key must be known, every value of the expected type, and
 * every error names the key path (`clients[0].batchwait`) and its line.
 */
export interface YamlNode {
  readonly node: Node | null;
  readonly path: string;
}

/** A parsed document: its root node plus a way to report errors at a node. */
export interface YamlDocument {
  readonly root: YamlNode;
  fail(at: YamlNode, message: string): never;
}

/** Parses `text` as YAML 1.1 (go-yaml v2: `yes`/`no`/`on`/`off` are booleans). */
export function parseYamlDocument(text: string): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    throw new WatchpostError('ERR_CONFIG_INVALID', `yaml: ${first.message.split('\n')[0]}`, { cause: first });
  }
  const fail = (at: YamlNode, message: string): never => {
    const start = at.node?.range?.[0];
    const where = start === undefined ? '' : `line ${lineCounter.linePos(start).line}: `;
    const prefix = at.path === '' ? '' : `${at.path}: `;
    throw new WatchpostError('ERR_CONFIG_INVALID', `${where}${prefix}${message}`, { details: { path: at.path } });
  };
  return { root: { node: (doc.contents as Node | null) ?? null, path: '' }, fail };
}

/** Reads nodes of a document; each method refuses a wrong type naming the path. */
export class YamlReader {
  readonly #doc: YamlDocument;

  constructor(doc: YamlDocument) {
    this.#doc = doc;
  }

  fail(at: YamlNode, message: string): never {
    return this.#doc.fail(at, message);
  }

  isNull(at: YamlNode): boolean {
    return at.node === null || (isScalar(at.node) && at.node.value === null);
  }

  /**
   * The fields of a mapping; a key not in `known` is refused the way go-yaml
   * does (`field x not found`). A null node is an empty mapping.
   */
  fields(at: YamlNode, known: readonly string[]): Map<string, YamlNode> {
    const out = new Map<string, YamlNode>();
    for (const { name, keyNode, child } of this.#entries(at)) {
      if (!known.includes(name)) this.fail({ node: keyNode, path: at.path }, `field ${name} not found`);
      out.set(name, child);
    }
    return out;
  }

  /** A mapping of string → string (labels, headers); scalars are taken as written. */
  stringMap(at: YamlNode): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { name, child } of this.#entries(at)) out[name] = this.isNull(child) ? '' : this.string(child);
    return out;
  }

  /** The key/value pairs of a mapping in document order; a null node has none. */
  #entries(at: YamlNode): { name: string; keyNode: Node | null; child: YamlNode }[] {
    if (this.isNull(at)) return [];
    if (!isMap(at.node)) this.fail(at, `expected a mapping, got ${describe(at.node)}`);
    return at.node.items.map((pair) => {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.source ?? keyNode.value) : String(keyNode);
      return { name, keyNode, child: { node: (pair.value as Node | null) ?? null, path: joinPath(at.path, name) } };
    });
  }

  list(at: YamlNode): YamlNode[] {
    if (this.isNull(at)) return [];
    if (!isSeq(at.node)) this.fail(at, `expected a list, got ${describe(at.node)}`);
    return at.node.items.map((item, i) => ({ node: (item as Node | null) ?? null, path: `${at.path}[${i}]` }));
  }

  stringList(at: YamlNode): string[] {
    return this.list(at).map((item) => this.string(item));
  }

  /** A scalar as text: numbers and booleans as written (go-yaml decodes them into strings). */
  string(at: YamlNode): string {
    if (!isScalar(at.node)) return this.fail(at, `expected a string, got ${describe(at.node)}`);
    const v = at.node.value;
    if (v === null) return '';
    if (typeof v === 'string') return v;
    return String(at.node.source ?? v);
  }

  int(at: YamlNode): number {
    if (!isScalar(at.node) || typeof at.node.value !== 'number' || !Number.isInteger(at.node.value)) {
      return this.fail(at, `expected an integer, got ${describe(at.node)}`);
    }
    return at.node.value;
  }

  float(at: YamlNode): number {
    if (!isScalar(at.node) || typeof at.node.value !== 'number') {
      return this.fail(at, `expected a number, got ${describe(at.node)}`);
    }
    return at.node.value;
  }

  bool(at: YamlNode): boolean {
    if (!isScalar(at.node) || typeof at.node.value !== 'boolean') {
      return this.fail(at, `expected a boolean, got ${describe(at.node)}`);
    }
    return at.node.value;
  }

  /** A Go duration (`500ms`, `1m30s`) or a Prometheus one (`7d`), in milliseconds. */
  durationMs(at: YamlNode): number {
    const text = this.string(at);
    const ms = parseDurationMs(text);
    if (ms === undefined) return this.fail(at, `time: invalid duration "${text}"`);
    return ms;
  }

  /** The node as plain data (stage configs are handed to the stages as such). */
  plain(at: YamlNode): unknown {
    return at.node === null ? null : (at.node as Node & { toJSON(): unknown }).toJSON();
  }
}

function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    return v === null ? 'null' : `${typeof v === 'string' ? 'string' : typeof v} ${JSON.stringify(node.source ?? v)}`;
  }
  return 'an alias';
}
