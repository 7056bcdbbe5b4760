/**
 * Debian version strings as libdpkg reads and prints them (parseversion,
 * versiondescribe with vdew_nonambig): `[epoch:]upstream[-revision]`, the
 * revision being what follows the last hyphen.
 */

export interface DpkgVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

/** Parses a Version field; undefined when the epoch is not a number. */
export function parseDpkgVersion(text: string): DpkgVersion | undefined {
  let rest = text.trim();
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const digits = rest.slice(0, colon);
    if (!/^\d+$/.test(digits)) return undefined;
    epoch = Number(digits);
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen === -1) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

/**
 * versiondescribe(…, vdew_nonambig): the epoch is shown only when it is
 * non-zero or the rest contains a colon; a version with nothing in it is `<none>`.
 */
export function describeDpkgVersion(version: DpkgVersion | undefined): string {
  if (!version || (version.epoch === 0 && version.upstream === '' && version.revision === '')) return '<none>';
  const ambiguous = version.upstream.includes(':') || version.revision.includes(':');
  const epoch = version.epoch !== 0 || ambiguous ? `${version.epoch}:` : '';
  return `${epoch}${version.upstream}${version.revision === '' ? '' : `-${version.revision}`}`;
}
