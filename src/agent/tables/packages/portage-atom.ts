/**
 * Splits a Portage atom or /var/db/pkg entry (`cat/name-1.2.3-r1`, `>=cat/name-2`)
 * into package and version the way osquery's portageSplitPackageVersion
 * does: leading `<`, `>` and `=` operators move to the version (a lone
 * leading `=` is dropped), and the version starts after the last hyphen that
 * is followed by a digit, trying the last hyphen and then the one before it.
 */
export function splitPortageAtom(atom: string): { package: string; version: string } {
  let rest = atom.endsWith('/') ? atom.slice(0, -1) : atom;
  let version = '';
  while (rest.startsWith('>') || rest.startsWith('<') || rest.startsWith('=')) {
    if (!(version === '' && rest.startsWith('='))) version += rest[0];
    rest = rest.slice(1);
  }
  const divider = rest.indexOf('/');
  const startsVersion = (pos: number): boolean =>
    pos !== -1 && divider !== -1 && pos > divider && pos < rest.length - 1 && /\d/.test(rest[pos + 1] ?? '');
  let hyphen = rest.lastIndexOf('-');
  if (!startsVersion(hyphen)) hyphen = hyphen > 0 ? rest.lastIndexOf('-', hyphen - 1) : -1;
  if (startsVersion(hyphen)) {
    version += rest.slice(hyphen + 1);
    rest = rest.slice(0, hyphen);
  }
  return { package: rest, version };
}
