import type { TableImpl } from '../table.js';
import { aptSourcesTable } from './apt-sources.js';
import { chromeExtensionsTable } from './chrome-extensions.js';
import { debPackagesTable } from './deb-packages.js';
import { firefoxAddonsTable } from './firefox-addons.js';
import { npmPackagesTable } from './npm-packages.js';
import { portagePackagesTable } from './portage-packages.js';
import { pythonPackagesTable } from './python-packages.js';
import { rpmPackagesTable } from './rpm-packages.js';

/** Package and software-inventory tables (osquery's Linux package managers, language packages, browser extensions). */
export const packagesTables: readonly TableImpl[] = [
  debPackagesTable,
  rpmPackagesTable,
  portagePackagesTable,
  aptSourcesTable,
  pythonPackagesTable,
  npmPackagesTable,
  chromeExtensionsTable,
  firefoxAddonsTable,
];
