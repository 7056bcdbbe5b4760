/**
 * The functions of promtail's template and replace stages: sprig's (the
 * subset src/core/gotemplate implements and sprig-extra.ts) plus promtail's own ToLower,
 * ToUpper, Replace, Trim*, Hash (SHA3-256), Sha2Hash (SHA-256),
 * regexReplaceAll and regexReplaceAllLiteral.
 */
import { createHash } from 'node:crypto';
import { defineFunc, goReplace, goTrim, goTrimSpace, sprigFuncs, type FuncMap } from '../../core/gotemplate/index.js';
import { compileSearchable, goReplaceAll } from './go-regex-all.js';
import { sprigExtraFuncs } from './sprig-extra.js';

function hashHex(algorithm: 'sha3-256' | 'sha256', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

export const promtailTemplateFuncs: FuncMap = {
  ...sprigFuncs,
  ...sprigExtraFuncs,
  ToLower: defineFunc(['string'], (s: string) => s.toLowerCase()),
  ToUpper: defineFunc(['string'], (s: string) => s.toUpperCase()),
  Replace: defineFunc(['string', 'string', 'string', 'int'], (s: string, old: string, rep: string, n: bigint) => goReplace(s, old, rep, Number(n))),
  Trim: defineFunc(['string', 'string'], (s: string, cutset: string) => goTrim(s, cutset, true, true)),
  TrimLeft: defineFunc(['string', 'string'], (s: string, cutset: string) => goTrim(s, cutset, true, false)),
  TrimRight: defineFunc(['string', 'string'], (s: string, cutset: string) => goTrim(s, cutset, false, true)),
  TrimPrefix: defineFunc(['string', 'string'], (s: string, prefix: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  TrimSuffix: defineFunc(['string', 'string'], (s: string, suffix: string) => (suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s)),
  TrimSpace: defineFunc(['string'], (s: string) => goTrimSpace(s)),
  Hash: defineFunc(['string', 'string'], (salt: string, input: string) => hashHex('sha3-256', salt + input)),
  Sha2Hash: defineFunc(['string', 'string'], (salt: string, input: string) => hashHex('sha256', salt + input)),
  regexReplaceAll: defineFunc(['string', 'string', 'string'], (regex: string, s: string, repl: string) => goReplaceAll(compileSearchable(regex), s, repl, false)),
  regexReplaceAllLiteral: defineFunc(['string', 'string', 'string'], (regex: string, s: string, repl: string) => goReplaceAll(compileSearchable(regex), s, repl, true)),
};
