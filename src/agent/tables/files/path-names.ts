/**
 * Path helpers with boost::filesystem v3 semantics (osquery builds Boost 1.77
 * without BOOST_FILESYSTEM_VERSION=4), so the file and hash tables split a
 * path into filename and parent exactly as osquery does. A path that ends in
 * '/' (how glob marks directories) has the filename "." and its parent is the
 * path without the trailing separators: "/etc/ssh/" → ("." , "/etc/ssh").
 */

/** boost v3 `path::filename()`. */
export function getBoostFilename(path: string): string {
  if (path === '') return '';
  if (/^\/+$/.test(path)) return '/';
  if (path.endsWith('/')) return '.';
  return path.slice(path.lastIndexOf('/') + 1);
}

/** boost v3 `path::parent_path()`. */
export function getBoostParentPath(path: string): string {
  if (path === '' || /^\/+$/.test(path)) return '';
  const rootSeparator = path.startsWith('/') ? 0 : -1;
  let end = path.endsWith('/') ? path.length - 1 : path.lastIndexOf('/') + 1;
  while (end > 0 && end - 1 !== rootSeparator && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** boost `path / name`: adds a separator only when `dir` does not end in one. */
export function appendPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
