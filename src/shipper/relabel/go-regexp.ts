/**
 * Compiles an RE2 (Go regexp) pattern as a JavaScript RegExp for the common
 * subset: `(?P<name>` groups, leading `(?i)`/`(?s)`/`(?m)` flags. With
 * `anchored`, the whole string must match, as Prometheus relabel regexes do.
 * Throws a SyntaxError on patterns JavaScript cannot compile.
 */
export function compileGoRegexp(pattern: string, options: { anchored?: boolean } = {}): RegExp {
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    for (const f of lead[1] as string) if (f !== 'U' && !flags.includes(f)) flags += f;
    source = source.slice(lead[0].length);
  }
  if (options.anchored) source = `^(?:${source})$`;
  return new RegExp(source, flags);
}
