import { formatValue } from './format.js';
import type { FuncMap, GoFunc, ParamKind } from './funcs.js';
import { nodeToString, type ArgNode, type BranchNode, type CommandNode, type ListNode, type Node, type PipeNode } from './nodes.js';
import { goTypeName, GoTime, isAnyMap, isStringMap, isTrue, mapGet, mapKeys, type GoMap, type GoValue } from './values.js';
import { callTimeMethod } from './time-methods.js';

/** An execution failure with Go's text (`template: line:1:2: executing "line" at <.x>: …`). */
export class TemplateExecError extends Error {}

export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecContext {
  readonly name: string;
  readonly text: string;
  readonly funcs: FuncMap;
  readonly defines: ReadonlyMap<string, ListNode>;
  readonly missingKey: MissingKey;
}

// Go allows 100000; JS stacks are shallower, so nested {{template}} calls stop earlier.
const maxExecDepth = 1_000;
const breakSignal = Symbol('break');
const continueSignal = Symbol('continue');
const missing = Symbol('missing');
type Final = GoValue | typeof missing;

/** Runs a parsed template over `data`; returns the output text. */
export function executeTemplate(ctx: ExecContext, root: ListNode, data: GoValue): string {
  const state = new State(ctx, data);
  try {
    state.walk(data, root);
  } catch (e) {
    if (e instanceof RangeError) throw new TemplateExecError(`template: ${ctx.name}: executing "${ctx.name}": ${e.message}`);
    throw e;
  }
  return state.out;
}

class State {
  out = '';
  readonly #ctx: ExecContext;
  #vars: { name: string; value: GoValue }[];
  #node: { pos: number } | undefined;
  #depth = 0;

  constructor(ctx: ExecContext, data: GoValue) {
    this.#ctx = ctx;
    this.#vars = [{ name: '$', value: data }];
  }

  errorf(msg: string): never {
    let location = this.#ctx.name;
    let context = '';
    const node = this.#node;
    if (node !== undefined) {
      const before = this.#ctx.text.slice(0, node.pos);
      const lastNl = before.lastIndexOf('\n');
      const col = lastNl < 0 ? node.pos : node.pos - lastNl - 1;
      const line = 1 + (before.match(/\n/g)?.length ?? 0);
      location = `${this.#ctx.name}:${line}:${col}`;
      context = nodeToString(node as ArgNode);
    }
    const at = context === '' ? '' : ` at <${context.replace(/%/g, '%%')}>`;
    throw new TemplateExecError(`template: ${location}: executing "${this.#ctx.name}"${at}: ${msg}`);
  }

  walk(dot: GoValue, node: Node): void {
    this.#node = node;
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += formatValue(val);
        return;
      }
      case 'text':
        this.out += node.text;
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'if':
      case 'with': {
        const mark = this.#vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        if (isTrue(val)) this.walk(node.kind === 'with' ? val : dot, node.list);
        else if (node.elseList !== undefined) this.walk(dot, node.elseList);
        this.#vars.length = mark;
        return;
      }
      case 'range':
        this.#walkRange(dot, node);
        return;
      case 'template': {
        const tmpl = this.#ctx.defines.get(node.name);
        if (tmpl === undefined) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
        const newDot = node.pipe === undefined ? null : this.evalPipeline(dot, node.pipe);
        if (++this.#depth > maxExecDepth) this.errorf(`exceeded maximum template depth (${maxExecDepth})`);
        const saved = this.#vars;
        this.#vars = [{ name: '$', value: newDot }];
        this.walk(newDot, tmpl);
        this.#vars = saved;
        this.#depth--;
        return;
      }
      case 'break':
        throw breakSignal;
      case 'continue':
        throw continueSignal;
      default:
        this.errorf('unknown node');
    }
  }

  #walkRange(dot: GoValue, node: BranchNode): void {
    const mark = this.#vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    // The pipeline's declarations were pushed; range assigns them per element.
    const decl = node.pipe.decl;
    const one = (key: GoValue, elem: GoValue): boolean => {
      if (decl.length > 0) {
        if (decl.length === 1) this.#setTopVar(1, elem);
        else {
          this.#setTopVar(2, key);
          this.#setTopVar(1, elem);
        }
      }
      const inner = this.#vars.length;
      try {
        this.walk(elem, node.list);
      } catch (e) {
        if (e === breakSignal) return false;
        if (e !== continueSignal) throw e;
      } finally {
        this.#vars.length = inner;
      }
      return true;
    };
    let any = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        any = true;
        if (!one(BigInt(i), val[i])) break;
      }
    } else if (typeof val === 'bigint') {
      for (let i = 0n; i < val; i++) {
        any = true;
        if (!one(i, i)) break;
      }
    } else if (isAnyMap(val)) {
      for (const k of [...mapKeys(val)].sort()) {
        any = true;
        if (!one(k, mapGet(val, k))) break;
      }
    } else if (val !== null && val !== undefined) {
      this.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!any && node.elseList !== undefined) this.walk(dot, node.elseList);
    this.#vars.length = mark;
  }

  #setTopVar(n: number, value: GoValue): void {
    const v = this.#vars[this.#vars.length - n];
    if (v !== undefined) v.value = value;
  }

  #varValue(name: string): GoValue {
    for (let i = this.#vars.length - 1; i >= 0; i--) if (this.#vars[i]!.name === name) return this.#vars[i]!.value;
    return this.errorf(`undefined variable: ${name}`);
  }

  evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    this.#node = pipe;
    let value: Final = missing;
    for (const cmd of pipe.cmds) {
      value = this.#evalCommand(dot, cmd, value);
      // Go digs into interface{} results: a nil interface becomes "no value".
      if (value === null) value = undefined;
    }
    const result = value === missing ? undefined : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) {
        const name = d.ident[0] as string;
        let found = false;
        for (let i = this.#vars.length - 1; i >= 0; i--) {
          if (this.#vars[i]!.name === name) {
            this.#vars[i]!.value = result;
            found = true;
            break;
          }
        }
        if (!found) this.errorf(`undefined variable: ${name}`);
      } else this.#vars.push({ name: d.ident[0] as string, value: result });
    }
    return result;
  }

  #evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0] as ArgNode;
    const args = cmd.args;
    switch (first.kind) {
      case 'field':
        return this.#evalFieldChain(dot, dot, first, first.ident, args, final);
      case 'chain': {
        const receiver = this.#evalArgValue(dot, first.node);
        return this.#evalFieldChain(dot, receiver, first, first.field, args, final);
      }
      case 'identifier':
        return this.#evalFunction(dot, first.name, first, args, final);
      case 'pipe':
        this.#notAFunction(args, final);
        return this.evalPipeline(dot, first);
      case 'variable': {
        const value = this.#varValue(first.ident[0] as string);
        if (first.ident.length === 1) {
          this.#notAFunction(args, final);
          return value;
        }
        return this.#evalFieldChain(dot, value, first, first.ident.slice(1), args, final);
      }
      default:
    }
    this.#node = first;
    this.#notAFunction(args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return first.isFloat && !first.isInt ? first.float : /[.eEpP]/.test(first.text) && !/^[+-]?0[xX]/.test(first.text) ? first.float : first.int;
      case 'string':
        return first.text;
      default:
        return this.errorf(`can't evaluate command ${JSON.stringify(nodeToString(first))}`);
    }
  }

  #notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== missing) this.errorf(`can't give argument to non-function ${nodeToString(args[0] as ArgNode)}`);
  }

  #evalFieldChain(dot: GoValue, receiver: GoValue, node: ArgNode, ident: readonly string[], args: readonly ArgNode[], final: Final): GoValue {
    this.#node = node;
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.#evalField(dot, ident[i] as string, [], missing, receiver);
    return this.#evalField(dot, ident[n - 1] as string, args, final, receiver);
  }

  #evalField(dot: GoValue, name: string, args: readonly ArgNode[], final: Final, receiver: GoValue): GoValue {
    if (receiver instanceof GoTime) {
      const callArgs = args.slice(1).map((a) => this.#evalArgValue(dot, a));
      if (final !== missing) callArgs.push(final);
      const r = callTimeMethod(receiver, name, callArgs);
      if (r.ok) return r.value;
      return this.errorf(r.error);
    }
    if (isAnyMap(receiver)) {
      if (args.length > 1 || final !== missing) this.errorf(`${name} is not a method but has arguments`);
      const v = mapGet(receiver, name);
      if (v !== undefined) return v;
      switch (this.#ctx.missingKey) {
        case 'error':
          return this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
        case 'zero':
          return isStringMap(receiver) ? '' : null;
        default:
          return undefined;
      }
    }
    if (receiver === null || receiver === undefined) return this.errorf(`nil pointer evaluating interface {}.${name}`);
    return this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  #evalFunction(dot: GoValue, name: string, node: ArgNode, args: readonly ArgNode[], final: Final): GoValue {
    this.#node = node;
    const rest = args.slice(1);
    if (name === 'and' || name === 'or') {
      if (rest.length === 0 && final === missing) this.errorf(`wrong number of args for ${name}: want at least 1 got 0`);
      let v: GoValue = undefined;
      for (const a of rest) {
        v = this.#evalArgValue(dot, a);
        if (isTrue(v) !== (name === 'and')) return v;
      }
      return final === missing ? v : final;
    }
    const fn = this.#ctx.funcs[name];
    if (fn === undefined) return this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.#evalCall(dot, fn, name, node, rest, final);
  }

  #evalCall(dot: GoValue, fn: GoFunc, name: string, node: ArgNode, args: readonly ArgNode[], final: Final): GoValue {
    const numIn = args.length + (final === missing ? 0 : 1);
    const fixed = fn.params.length;
    if (fn.variadic !== undefined ? numIn < fixed : numIn !== fixed) {
      const want = fn.variadic !== undefined ? `at least ${fixed}` : `${fixed}`;
      this.errorf(`wrong number of args for ${name}: want ${want} got ${numIn}`);
    }
    const values: GoValue[] = [];
    const kindAt = (i: number): ParamKind => (i < fixed ? (fn.params[i] as ParamKind) : (fn.variadic as ParamKind));
    args.forEach((a, i) => values.push(this.#evalArg(dot, kindAt(i), a)));
    if (final !== missing) values.push(this.#validate(final, kindAt(args.length)));
    try {
      return (fn.fn as (...a: GoValue[]) => GoValue)(...values);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.#node = node;
      return this.errorf(`error calling ${name}: ${(e as Error).message}`);
    }
  }

  #evalArgValue(dot: GoValue, n: ArgNode): GoValue {
    return this.#evalArg(dot, 'any', n);
  }

  #evalArg(dot: GoValue, kind: ParamKind, n: ArgNode): GoValue {
    this.#node = n;
    switch (n.kind) {
      case 'dot':
        return this.#validate(dot, kind);
      case 'nil':
        if (kind === 'any') return null;
        return this.errorf(`cannot assign nil to ${goKindName(kind)}`);
      case 'field':
        return this.#validate(this.#evalFieldChain(dot, dot, n, n.ident, [n], missing), kind);
      case 'variable':
        return this.#validate(this.#evalCommand(dot, { kind: 'command', pos: n.pos, args: [n] }, missing), kind);
      case 'pipe':
        return this.#validate(this.evalPipeline(dot, n), kind);
      case 'identifier':
        return this.#validate(this.#evalFunction(dot, n.name, n, [n], missing), kind);
      case 'chain':
        return this.#validate(this.#evalCommand(dot, { kind: 'command', pos: n.pos, args: [n] }, missing), kind);
      default:
    }
    switch (kind) {
      case 'string':
        if (n.kind === 'string') return n.text;
        break;
      case 'bool':
        if (n.kind === 'bool') return n.value;
        break;
      case 'int':
        if (n.kind === 'number' && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${nodeToString(n)}`);
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return n.float;
        return this.errorf(`expected float; found ${nodeToString(n)}`);
      case 'any':
        if (n.kind === 'string') return n.text;
        if (n.kind === 'bool') return n.value;
        if (n.kind === 'number') {
          if (n.isInt && !/[.eEpP]/.test(n.text.replace(/^[+-]?0[xX][0-9a-fA-F_]*$/, ''))) return n.int;
          return n.float;
        }
        break;
      default:
    }
    return this.errorf(`expected ${goKindName(kind)}; found ${nodeToString(n)}`);
  }

  #validate(value: GoValue, kind: ParamKind): GoValue {
    if (kind === 'any') return value === undefined ? null : value;
    if (value === undefined || value === null) return this.errorf(`invalid value; expected ${goKindName(kind)}`);
    const ok =
      (kind === 'string' && typeof value === 'string') ||
      (kind === 'int' && typeof value === 'bigint') ||
      (kind === 'float64' && typeof value === 'number') ||
      (kind === 'bool' && typeof value === 'boolean') ||
      (kind === 'time' && value instanceof GoTime);
    if (!ok) this.errorf(`wrong type for value; expected ${goKindName(kind)}; got ${goTypeName(value)}`);
    return value;
  }
}

function goKindName(kind: ParamKind): string {
  return kind === 'time' ? 'time.Time' : kind === 'any' ? 'interface {}' : kind;
}

export type { GoMap };
