import type { TableImpl } from '../table.js';
import { authorizedKeysTable } from './authorized-keys.js';
import { crontabTable } from './crontab.js';
import { fileTable } from './file.js';
import { hashTable } from './hash.js';
import { shellHistoryTable } from './shell-history.js';
import { suidBinTable } from './suid-bin.js';

export const filesTables: readonly TableImpl[] = [fileTable, hashTable, shellHistoryTable, authorizedKeysTable, crontabTable, suidBinTable];
