import { lexTemplate, type Item } from './lexer.js';
import type { ArgNode, CommandNode, ListNode, Node, NumberNode, PipeNode, VariableNode } from './nodes.js';
import { itemString, nodeText, parseNumberItem } from './parse-items.js';
import { unquoteGoLiteral } from './unquote.js';

/** A parse failure with Go's text (`template: line:1: unclosed action`). */
export class TemplateParseError extends Error {}

export interface ParsedTemplates {
  readonly root: ListNode;
  /** `{{define}}` and `{{block}}` bodies by name. */
  readonly defines: Map<string, ListNode>;
}

type Control = { readonly kind: 'end' | 'else'; readonly pos: number };

/**
 * Parses template text as Go's text/template/parse does, including its
 * error texts. `hasFunction` decides which identifiers are known functions
 * (`function "x" not defined` otherwise).
 */
export function parseTemplateText(name: string, text: string, hasFunction: (name: string) => boolean): ParsedTemplates {
  return new Parser(name, text, hasFunction).parse();
}

class Parser {
  readonly #name: string;
  readonly #items: Item[];
  readonly #hasFunction: (name: string) => boolean;
  #i = 0;
  #vars: string[] = ['$'];
  #rangeDepth = 0;
  #actionLine = 0;
  readonly #defines = new Map<string, ListNode>();

  constructor(name: string, text: string, hasFunction: (name: string) => boolean) {
    this.#name = name;
    this.#items = lexTemplate(text);
    this.#hasFunction = hasFunction;
  }

  parse(): ParsedTemplates {
    const root: ListNode = { kind: 'list', pos: 0, nodes: [] };
    while (this.#peek().type !== 'eof') {
      if (this.#peek().type === 'leftDelim') {
        const save = this.#i;
        this.#next();
        const t = this.#nextNonSpace();
        if (t.type === 'keyword' && t.val === 'define') {
          this.#parseDefinition();
          continue;
        }
        this.#i = save;
      }
      const n = this.#textOrAction();
      if ('kind' in n && (n.kind === 'end' || n.kind === 'else')) this.#errorf(`unexpected {{${n.kind}}}`);
      root.nodes.push(n as Node);
    }
    return { root, defines: this.#defines };
  }

  #errorf(msg: string): never {
    const line = this.#items[Math.max(0, this.#i - 1)]?.line ?? 1;
    throw new TemplateParseError(`template: ${this.#name}:${line}: ${msg}`);
  }

  #peek(): Item {
    return this.#items[this.#i] as Item;
  }

  #next(): Item {
    const it = this.#items[this.#i] as Item;
    if (this.#i < this.#items.length - 1) this.#i++;
    return it;
  }

  #nextNonSpace(): Item {
    let t = this.#next();
    while (t.type === 'space') t = this.#next();
    if (t.type === 'error') this.#unexpected(t, '');
    return t;
  }

  #peekNonSpace(): Item {
    let j = this.#i;
    while (this.#items[j]?.type === 'space') j++;
    return this.#items[j] as Item;
  }

  #unexpected(t: Item, context: string): never {
    if (t.type === 'error') {
      let extra = '';
      if (this.#actionLine !== 0 && this.#actionLine !== t.line) {
        extra = ` in action started at ${this.#name}:${this.#actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.#errorf(`${t.val}${extra}`);
    }
    this.#errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  #expect(type: Item['type'], context: string): Item {
    const t = this.#nextNonSpace();
    if (t.type !== type) this.#unexpected(t, context);
    return t;
  }

  #textOrAction(): Node | Control {
    const t = this.#nextNonSpace();
    if (t.type === 'text') return { kind: 'text', pos: t.pos, text: t.val };
    if (t.type === 'leftDelim') {
      this.#actionLine = t.line;
      try {
        return this.#action();
      } finally {
        this.#actionLine = 0;
      }
    }
    return this.#unexpected(t, 'input');
  }

  #action(): Node | Control {
    const t = this.#nextNonSpace();
    if (t.type === 'keyword') {
      switch (t.val) {
        case 'block':
          return this.#blockControl();
        case 'break':
        case 'continue':
          if (this.#rangeDepth === 0) this.#errorf(`{{${t.val}}} outside {{range}}`);
          this.#expect('rightDelim', t.val);
          return { kind: t.val, pos: t.pos, line: t.line };
        case 'else': {
          const p = this.#peekNonSpace();
          if (p.type === 'keyword' && (p.val === 'if' || p.val === 'with')) return { kind: 'else', pos: p.pos };
          return { kind: 'else', pos: this.#expect('rightDelim', 'else').pos };
        }
        case 'end':
          return { kind: 'end', pos: this.#expect('rightDelim', 'end').pos };
        case 'if':
        case 'range':
        case 'with':
          return this.#control(t.val, t);
        case 'template':
          return this.#templateControl(t);
        default:
      }
    }
    this.#i--;
    const p = this.#peekNonSpace();
    return { kind: 'action', pos: p.pos, line: p.line, pipe: this.#pipeline('command', 'rightDelim') };
  }

  #control(kind: 'if' | 'range' | 'with', t: Item): Node {
    const saved = this.#vars.length;
    try {
      const pipe = this.#pipeline(kind, 'rightDelim');
      if (kind === 'range') this.#rangeDepth++;
      let [list, next] = this.#itemList();
      if (kind === 'range') this.#rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.kind === 'else') {
        const p = this.#peekNonSpace();
        if (p.type === 'keyword' && ((kind === 'if' && p.val === 'if') || (kind === 'with' && p.val === 'with'))) {
          this.#nextNonSpace();
          elseList = { kind: 'list', pos: next.pos, nodes: [this.#control(kind, p)] };
        } else {
          [elseList, next] = this.#itemList();
          if (next.kind !== 'end') this.#errorf(`expected end; found {{${next.kind}}}`);
        }
      }
      list = list ?? { kind: 'list', pos: t.pos, nodes: [] };
      return { kind, pos: t.pos, line: t.line, pipe, list, elseList };
    } finally {
      this.#vars.length = saved;
    }
  }

  #itemList(): [ListNode, Control] {
    const list: ListNode = { kind: 'list', pos: this.#peekNonSpace().pos, nodes: [] };
    while (this.#peekNonSpace().type !== 'eof') {
      const n = this.#textOrAction();
      if ('kind' in n && (n.kind === 'end' || n.kind === 'else')) return [list, n as Control];
      list.nodes.push(n as Node);
    }
    return this.#errorf('unexpected EOF');
  }

  #templateName(t: Item, context: string): string {
    if (t.type !== 'string' && t.type !== 'rawString') this.#unexpected(t, context);
    return this.#unquote(t.val);
  }

  #templateControl(t: Item): Node {
    const context = 'template clause';
    const name = this.#templateName(this.#nextNonSpace(), context);
    let pipe: PipeNode | undefined;
    if (this.#nextNonSpace().type !== 'rightDelim') {
      this.#i--;
      pipe = this.#pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  #blockControl(): Node {
    const context = 'block clause';
    const t = this.#nextNonSpace();
    const name = this.#templateName(t, context);
    const pipe = this.#pipeline(context, 'rightDelim');
    this.#defineBody(name, context);
    return { kind: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  #parseDefinition(): void {
    const context = 'define clause';
    const t = this.#nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawString') this.#unexpected(t, context);
    const name = this.#unquote(t.val);
    this.#expect('rightDelim', context);
    this.#defineBody(name, context);
  }

  /** Parses a template body up to `{{end}}` (own `$` scope) and defines it as `name`. */
  #defineBody(name: string, context: string): void {
    const savedVars = this.#vars;
    this.#vars = ['$'];
    const [list, end] = this.#itemList();
    this.#vars = savedVars;
    if (end.kind !== 'end') this.#errorf(`unexpected {{${end.kind}}} in ${context}`);
    this.#defines.set(name, list);
  }

  #pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.#peekNonSpace();
    const decl: VariableNode[] = [];
    let isAssign = false;
    for (;;) {
      const v = this.#peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.#i;
      this.#nextNonSpace();
      const after = this.#peek();
      const next = this.#peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        isAssign = next.type === 'assign';
        this.#nextNonSpace();
        decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        this.#vars.push(v.val);
        break;
      }
      if (next.type === 'comma') {
        this.#nextNonSpace();
        decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        this.#vars.push(v.val);
        if (context === 'range' && decl.length < 2) {
          const p = this.#peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.#errorf('range can only initialize variables');
        }
        this.#errorf(`too many declarations in ${context}`);
      }
      void after;
      this.#i = save;
      break;
    }
    const pipe: PipeNode = { kind: 'pipe', pos: first.pos, line: first.line, isAssign, decl, cmds: [] };
    for (;;) {
      const t = this.#nextNonSpace();
      if (t.type === end) {
        if (pipe.cmds.length === 0) this.#errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          const k = c.args[0]?.kind;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
            this.#errorf(`non executable command in pipeline stage ${i + 2}`);
          }
        });
        return pipe;
      }
      switch (t.type) {
        case 'bool': case 'char': case 'dot': case 'field': case 'identifier': case 'number': case 'nil':
        case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.#i--;
          pipe.cmds.push(this.#command());
          break;
        default:
          this.#unexpected(t, context);
      }
    }
  }

  #command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.#peekNonSpace().pos, args: [] };
    for (;;) {
      this.#peekNonSpace();
      while (this.#peek().type === 'space') this.#next();
      const operand = this.#operand();
      if (operand !== undefined) cmd.args.push(operand);
      const t = this.#next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.#i--;
      else if (t.type !== 'pipe') this.#unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.#errorf('empty command');
    return cmd;
  }

  #operand(): ArgNode | undefined {
    const node = this.#term();
    if (node === undefined) return undefined;
    if (this.#peek().type !== 'field') return node;
    const fields: string[] = [];
    // Go positions a chain (and a field/variable extended by it) at its first trailing field.
    const chainPos = this.#peek().pos;
    while (this.#peek().type === 'field') fields.push(this.#next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        return this.#errorf(`unexpected . after term ${JSON.stringify(nodeText(node))}`);
      default:
        return { kind: 'chain', pos: chainPos, node, field: fields };
    }
  }

  #term(): ArgNode | undefined {
    const t = this.#nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.#hasFunction(t.val)) this.#errorf(`function ${JSON.stringify(t.val)} not defined`);
        return { kind: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable':
        if (!this.#vars.includes(t.val)) this.#errorf(`undefined variable ${JSON.stringify(t.val)}`);
        return { kind: 'variable', pos: t.pos, ident: [t.val] };
      case 'field':
        return { kind: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'char':
      case 'number':
        return this.#number(t);
      case 'leftParen':
        return this.#pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: t.pos, quoted: t.val, text: this.#unquote(t.val) };
      default:
        this.#i--;
        return undefined;
    }
  }

  #unquote(quoted: string): string {
    const r = unquoteGoLiteral(quoted);
    if (r === undefined) this.#errorf('invalid syntax');
    return r;
  }

  #number(t: Item): NumberNode {
    return parseNumberItem(t, (msg) => this.#errorf(msg));
  }

}
