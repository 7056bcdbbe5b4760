/** The parse tree of a Go text/template (`text/template/parse/node.go`), as plain data. */
export type Node =
  | ListNode
  | { readonly kind: 'text'; readonly pos: number; readonly text: string }
  | { readonly kind: 'action'; readonly pos: number; readonly line: number; readonly pipe: PipeNode }
  | BranchNode
  | { readonly kind: 'template'; readonly pos: number; readonly line: number; readonly name: string; readonly pipe: PipeNode | undefined }
  | { readonly kind: 'break' | 'continue'; readonly pos: number; readonly line: number };

export interface ListNode {
  readonly kind: 'list';
  readonly pos: number;
  readonly nodes: Node[];
}

export interface BranchNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface PipeNode {
  readonly kind: 'pipe';
  readonly pos: number;
  readonly line: number;
  readonly isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode {
  readonly kind: 'command';
  readonly pos: number;
  readonly args: ArgNode[];
}

export interface VariableNode {
  readonly kind: 'variable';
  readonly pos: number;
  /** `$x.a.b` → ['$x', 'a', 'b']. */
  readonly ident: string[];
}

export interface NumberNode {
  readonly kind: 'number';
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isFloat: boolean;
  readonly int: bigint;
  readonly float: number;
}

export type ArgNode =
  | { readonly kind: 'field'; readonly pos: number; readonly ident: string[] }
  | VariableNode
  | { readonly kind: 'chain'; readonly pos: number; readonly node: ArgNode; readonly field: string[] }
  | { readonly kind: 'identifier'; readonly pos: number; readonly name: string }
  | { readonly kind: 'dot'; readonly pos: number }
  | { readonly kind: 'nil'; readonly pos: number }
  | { readonly kind: 'bool'; readonly pos: number; readonly value: boolean }
  | NumberNode
  | { readonly kind: 'string'; readonly pos: number; readonly quoted: string; readonly text: string }
  | PipeNode;

/** Go's Node.String() for error contexts. */
export function nodeToString(n: Node | ArgNode | CommandNode): string {
  switch (n.kind) {
    case 'field':
      return `.${n.ident.join('.')}`;
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? `(${nodeToString(n.node)})` : nodeToString(n.node);
      return `${inner}.${n.field.join('.')}`;
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = `${n.decl.map((d) => d.ident.join('.')).join(', ')} ${n.isAssign ? '=' : ':='} `;
      return s + n.cmds.map(nodeToString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeToString(a)})` : nodeToString(a))).join(' ');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeToString(n.pipe)}}}`;
    case 'list':
      return n.nodes.map(nodeToString).join('');
    case 'template':
      return n.pipe === undefined ? `{{template "${n.name}"}}` : `{{template "${n.name}" ${nodeToString(n.pipe)}}}`;
    case 'break':
    case 'continue':
      return `{{${n.kind}}}`;
    default: {
      const b = n as BranchNode;
      const head = `{{${b.kind} ${nodeToString(b.pipe)}}}${nodeToString(b.list)}`;
      return b.elseList === undefined ? `${head}{{end}}` : `${head}{{else}}${nodeToString(b.elseList)}{{end}}`;
    }
  }
}
