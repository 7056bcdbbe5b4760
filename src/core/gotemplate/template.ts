import { goBuiltins } from './builtins.js';
import { executeTemplate, type MissingKey } from './exec.js';
import type { FuncMap } from './funcs.js';
import type { ListNode } from './nodes.js';
import { parseTemplateText } from './parser.js';
import type { GoValue } from './values.js';

export interface GoTemplateOptions {
  /** Functions added to Go's builtins (they may shadow them, as Funcs does). */
  readonly funcs?: FuncMap;
  /** Option("missingkey=…"): `default` prints `<no value>`, `zero` the zero value, `error` fails. */
  readonly missingKey?: MissingKey;
}

/**
 * A parsed Go text/template (`template.New(name).Option(…).Funcs(…).Parse(text)`).
 * Parse errors throw TemplateParseError, execution errors TemplateExecError,
 * both with Go's message text. Execution is synchronous and reentrant.
 */
export interface GoTemplate {
  readonly name: string;
  readonly root: ListNode;
  execute(data: GoValue): string;
}

export function parseGoTemplate(name: string, text: string, options: GoTemplateOptions = {}): GoTemplate {
  const funcs: FuncMap = options.funcs === undefined ? goBuiltins : { ...goBuiltins, ...options.funcs };
  const parsed = parseTemplateText(name, text, (fn) => Object.hasOwn(funcs, fn));
  const ctx = { name, text, funcs, defines: parsed.defines, missingKey: options.missingKey ?? 'default' };
  return {
    name,
    root: parsed.root,
    execute: (data) => executeTemplate(ctx, parsed.root, data),
  };
}
