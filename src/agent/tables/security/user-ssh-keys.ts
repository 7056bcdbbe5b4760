import type { QueryContext, Row, TableImpl } from '../table.js';
import { hostFileSize, joinPath, listHostFiles, readHostFile } from './host-files.js';
import { namespaceUnsupported } from './namespace-unsupported.js';
import { describePrivateKey } from './private-key-info.js';
import { selectContextUsers } from '../lib/context-users.js';

const maxKeyFileBytes = 1024 * 1024;

/**
 * user_ssh_keys: every file directly in ~/.ssh of each selected user (see
 * selectQueryUsers) that parses as a private key, as osquery lists them
 * (glob order, dot files skipped, canonical directory in the path). A file
 * that cannot be read is a warning and is skipped; files over 1 MiB are
 * skipped unread (no private key is that large). `pid_with_namespace`
 * (reading inside a container's mount namespace) is not supported: such a
 * query warns and returns nothing.
 */
export function* genUserSshKeys(ctx: QueryContext): Iterable<Row> {
  if (ctx.hasConstraint('pid_with_namespace')) {
    ctx.warn(namespaceUnsupported('user_ssh_keys'));
    return;
  }
  for (const user of selectContextUsers(ctx)) {
    for (const path of listHostFiles(ctx, joinPath(user.dir, '.ssh')) ?? []) {
      ctx.checkDeadline();
      if ((hostFileSize(ctx, path) ?? 0) > maxKeyFileBytes) continue;
      const content = readHostFile(ctx, path);
      if (typeof content === 'string') {
        ctx.warn(`Cannot open file for reading: ${path}`);
        continue;
      }
      const key = describePrivateKey(content);
      if (!key) continue;
      yield {
        uid: user.uid,
        path,
        encrypted: key.encrypted ? 1 : 0,
        key_type: key.keyType,
        key_group_name: key.keyGroupName,
        key_length: key.keyLength,
        key_security_bits: key.keySecurityBits,
        pid_with_namespace: 0,
      };
    }
  }
}

export const userSshKeysTable: TableImpl = {
  name: 'user_ssh_keys',
  generate: genUserSshKeys,
  reads: ['/etc/passwd', '~/.ssh/* (private keys)'],
};
