import type { QueryContext, Row, TableImpl } from '../table.js';
import { watchpostVersion } from '../../version.js';

/** The osquery version whose tables and protocols Watchpost implements: its SDK version. */
export const osquerySdkVersion = '5.23.1';

/**
 * osquery_extensions: the core row, as osquery lists itself (uuid 0, type
 * core) with Watchpost's version. Watchpost loads no extensions and has no
 * extension socket, so path is empty and there are no other rows.
 */
export function* genOsqueryExtensions(_ctx: QueryContext): Iterable<Row> {
  yield { uuid: 0, name: 'core', version: watchpostVersion, sdk_version: osquerySdkVersion, path: '', type: 'core' };
}

export const osqueryExtensionsTable: TableImpl = {
  name: 'osquery_extensions',
  generate: genOsqueryExtensions,
  reads: ['the running process'],
};
