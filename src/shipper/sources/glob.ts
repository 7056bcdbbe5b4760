import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const meta = /[*?[{\\]/;

/**
 * Compiles a doublestar glob (promtail's `__path__`): `*` and `?` stay within
 * one path segment, `**` as a whole segment spans any number of directories
 * (zero included), `[a-z]`/`[!a]` are classes and `{a,b}` alternatives.
 */
export function compileGlob(pattern: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '*' && pattern[i + 1] === '*' && (i === 0 || pattern[i - 1] === '/') && (i + 2 === pattern.length || pattern[i + 2] === '/')) {
      if (i + 2 === pattern.length) re += '.*';
      else re += '(?:[^/]*(?:/[^/]*)*/)?';
      i += i + 2 === pattern.length ? 2 : 3;
      continue;
    }
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i] as string);
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith('!') || body.startsWith('^')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) re += '|';
    else re += escapeRe(ch);
    i++;
  }
  return new RegExp(`^${re}$`, 'u');
}

function escapeRe(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * The regular files matching an absolute glob, sorted. A pattern without
 * glob characters matches itself when it is a file.
 */
export function findGlobMatches(pattern: string): string[] {
  if (!meta.test(pattern)) return isFile(pattern) ? [pattern] : [];
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((s) => meta.test(s));
  const base = segments.slice(0, firstGlob).join('/') || '/';
  const rest = segments.slice(firstGlob);
  const maxDepth = rest.includes('**') || rest.some((s) => s.includes('**')) ? Number.POSITIVE_INFINITY : rest.length;
  const re = compileGlob(pattern);
  const out: string[] = [];
  walk(base, 1, maxDepth, re, out);
  return out.sort();
}

function walk(dir: string, depth: number, maxDepth: number, re: RegExp, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (depth < maxDepth) walk(path, depth + 1, maxDepth, re, out);
    } else if ((e.isFile() || (e.isSymbolicLink() && isFile(path))) && re.test(path)) out.push(path);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
