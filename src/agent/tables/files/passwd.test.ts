import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGroup, parsePasswd } from './passwd.js';

test('parsePasswd keeps well-formed entries in file order, duplicates included', () => {
  const text = [
    'root:x:0:0:root:/root:/bin/bash',
    '# a comment',
    '',
    'toor:x:0:0::/root2:/bin/sh',
    'short:x:1',
    'bad:x:uid:0::/h:/bin/sh',
    'alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh',
  ].join('\n');
  assert.deepEqual(parsePasswd(text), [
    { username: 'root', uid: 0, gid: 0, directory: '/root', shell: '/bin/bash' },
    { username: 'toor', uid: 0, gid: 0, directory: '/root2', shell: '/bin/sh' },
    { username: 'alice', uid: 1000, gid: 1000, directory: '/home/alice', shell: '/bin/zsh' },
  ]);
});

test('parseGroup keeps entries with a numeric gid', () => {
  assert.deepEqual(parseGroup('root:x:0:\nshadow:x:42:alice\nbroken\nx:y:z:\n'), [
    { groupname: 'root', gid: 0 },
    { groupname: 'shadow', gid: 42 },
  ]);
});
