/**
 * The `rpm -qa --queryformat` output rpm_packages reads: one line per
 * package, tab-separated tags in the order of rpmQueryTags; rpm prints
 * `(none)` for a tag the header lacks, which reads as an empty cell (osquery
 * leaves such cells empty too).
 */

/** RPM header tag → rpm_packages column, in output order (the tags osquery reads). */
export const rpmQueryTags = [
  ['NAME', 'name'],
  ['VERSION', 'version'],
  ['RELEASE', 'release'],
  ['SOURCERPM', 'source'],
  ['SIZE', 'size'],
  ['SHA1HEADER', 'sha1'],
  ['ARCH', 'arch'],
  ['EPOCH', 'epoch'],
  ['INSTALLTIME', 'install_time'],
  ['VENDOR', 'vendor'],
  ['GROUP', 'package_group'],
] as const;

export type RpmColumn = (typeof rpmQueryTags)[number][1];
export type RpmPackage = Readonly<Record<RpmColumn, string>>;

/** The --queryformat argument that produces what parseRpmQueryOutput reads. */
export const rpmQueryFormat = `${rpmQueryTags.map(([tag]) => `%{${tag}}`).join('\\t')}\\n`;

export function parseRpmQueryOutput(output: string): RpmPackage[] {
  const packages: RpmPackage[] = [];
  for (const line of output.split('\n')) {
    const cells = line.split('\t');
    if (cells.length !== rpmQueryTags.length) continue;
    const row: Partial<Record<RpmColumn, string>> = {};
    rpmQueryTags.forEach(([, column], i) => {
      const value = cells[i] ?? '';
      row[column] = value === '(none)' ? '' : value;
    });
    packages.push(row as RpmPackage);
  }
  return packages;
}
