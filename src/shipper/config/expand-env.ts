/**
 * `-config.expand-env=true`: replaces `${VAR}`, `${VAR:-default}` and `$VAR`
 * in the config text before it is parsed, as promtail does (drone/envsubst);
 * `$$` is a literal `$`. An unset variable without default becomes "".
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, op, fallback, bare) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = env[name];
    if (op === ':-') return value === undefined || value === '' ? (fallback as string) : value;
    if (op === '-') return value === undefined ? (fallback as string) : value;
    return value ?? '';
  });
}
