/**
 * The parser's view of the lexer: one or two tokens of look-ahead and goyacc's
 * error wording (`syntax error: unexpected X, expecting A or B`).
 */
import { Lexer, type Token } from './lexer.js';
import { createParseError } from './parse-error.js';
import type { WatchpostError } from '../../core/index.js';

/** Deepest nesting accepted (see TokenStream.enter). */
export const MAX_NESTING = 1000;

export class TokenStream {
  readonly #lexer: Lexer;
  #buffer: Token[] = [];
  /** Errors Loki stores in nodes and reports during validation, keyed by node. */
  readonly deferred = new WeakMap<object, string>();

  constructor(input: string) {
    this.#lexer = new Lexer(input);
  }

  peek(): Token {
    if (this.#buffer.length === 0) this.#buffer.push(this.#lexer.next());
    return this.#buffer[0] as Token;
  }

  /** The token after `peek()`. */
  peek2(): Token {
    this.peek();
    if (this.#buffer.length === 1) this.#buffer.push(this.#lexer.next());
    return this.#buffer[1] as Token;
  }

  next(): Token {
    const token = this.peek();
    this.#buffer.shift();
    return token;
  }

  is(type: string): boolean {
    return this.peek().type === type;
  }

  accept(type: string): Token | undefined {
    return this.peek().type === type ? this.next() : undefined;
  }

  /** Consumes a token of `type` or fails; `expecting` lists what goyacc would list in that state. */
  expect(type: string, expecting: readonly string[] = [type]): Token {
    if (this.peek().type !== type) throw this.unexpected(expecting);
    return this.next();
  }

  /** goyacc's syntax error at the look-ahead token; lists shown only when 1 to 4 tokens fit. */
  unexpected(expecting: readonly string[] = []): WatchpostError {
    const token = this.peek();
    let message = `syntax error: unexpected ${token.type}`;
    if (expecting.length > 0 && expecting.length <= 4) message += `, expecting ${expecting.join(' or ')}`;
    return createParseError(message, token.line, token.col);
  }

  /**
   * Nesting guard: parentheses, aggregations and operator chains deepen the
   * tree, and printing it recurses. Loki's generated parser has no limit;
   * queries nested this deep do not occur in practice, so past the limit the
   * query is refused as a parse error instead of overflowing the stack.
   */
  enter(levels = 1): void {
    this.#depth += levels;
    if (this.#depth > MAX_NESTING) {
      const token = this.peek();
      throw createParseError('syntax error: expression nests too deeply', token.line, token.col);
    }
  }

  leave(levels = 1): void {
    this.#depth -= levels;
  }

  #depth = 0;

  defer(node: object, message: string): void {
    if (!this.deferred.has(node)) this.deferred.set(node, message);
  }
}
