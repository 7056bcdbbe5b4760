/**
 * JMESPath expressions compiled once per stage. Plain paths (`a.b`,
 * `"grpc.stream"`, `a[0].b`, `@`) run as closures over the parsed JSON;
 * anything else goes through the jmespath interpreter, with the same result.
 */
import * as jmespathModule from 'jmespath';

interface JmesNode {
  readonly type: string;
  readonly name?: string;
  readonly value?: unknown;
  readonly children?: readonly JmesNode[];
}

const jmespath = jmespathModule as unknown as {
  compile(expression: string): JmesNode;
  search(data: unknown, expression: string): unknown;
};

export type JmesSearch = (data: unknown) => unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A closure for the plain-path subset, or undefined when the tree has other nodes. */
function compileNode(node: JmesNode): JmesSearch | undefined {
  switch (node.type) {
    case 'Current':
    case 'Identity':
      return (data) => data;
    case 'Field': {
      const name = node.name as string;
      return (data) => (isObject(data) && Object.hasOwn(data, name) ? data[name] : null);
    }
    case 'Index': {
      const index = node.value as number;
      return (data) => {
        if (!Array.isArray(data)) return null;
        const item: unknown = data[index < 0 ? data.length + index : index];
        return item === undefined ? null : item;
      };
    }
    case 'Subexpression':
    case 'IndexExpression': {
      const [leftNode, rightNode] = node.children ?? [];
      if (leftNode === undefined || rightNode === undefined) return undefined;
      const left = compileNode(leftNode);
      const right = compileNode(rightNode);
      if (left === undefined || right === undefined) return undefined;
      if (node.type === 'IndexExpression') return (data) => right(left(data));
      return (data) => {
        const value = left(data);
        return value === null ? null : right(value);
      };
    }
    default:
      return undefined;
  }
}

/** Compiles `expression`; throws the parser's error for invalid syntax. */
export function compileJmesPath(expression: string): JmesSearch {
  const tree = jmespath.compile(expression);
  const fast = compileNode(tree);
  if (fast !== undefined) return fast;
  return (data) => {
    try {
      return jmespath.search(data, expression) as unknown;
    } catch {
      // A runtime error (e.g. a function given the wrong type) skips the key, as promtail.
      return undefined;
    }
  };
}
