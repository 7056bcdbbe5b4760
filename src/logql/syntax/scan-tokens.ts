/** Token classes of the Go scanner port (text/scanner's negative rune values). */
export const EOF = -1;
/** Token classes returned by `scan()`; any other value is a single character's code point. */
export const TOK_IDENT = -2;
export const TOK_INT = -3;
export const TOK_FLOAT = -4;
export const TOK_CHAR = -5;
export const TOK_STRING = -6;
export const TOK_RAW_STRING = -7;
