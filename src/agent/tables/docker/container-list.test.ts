import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildContainersUri, resolveRowId, selectIdFilter } from './container-list.js';

const fullId = 'e5814a147799c5f4b6bb5895fb87ee8ff00e4f35a56a8bb6d09559b787143c75';

const filterCases: Array<{ name: string; in: string[]; out: string[] }> = [
  { name: 'keeps hex ids and prefixes', in: [fullId, 'e5814a', 'ABC'], out: [fullId, 'e5814a', 'ABC'] },
  { name: 'drops values longer than 64 characters', in: [fullId + '0'], out: [] },
  { name: 'drops values with a non-hex character', in: ['web', 'e5814a-'], out: [] },
  { name: 'drops the empty string', in: [''], out: [] },
  { name: 'drops duplicates', in: ['abc', 'abc'], out: ['abc'] },
];
for (const c of filterCases) {
  test(`selectIdFilter ${c.name}`, () => assert.deepEqual(selectIdFilter(c.in), c.out));
}

const uriCases: Array<{ name: string; ids: string[]; uri: string }> = [
  { name: 'lists every container without ids', ids: [], uri: '/containers/json?all=1' },
  // The exact bytes osquery's getQuery() builds by hand.
  { name: 'encodes one id as osquery does', ids: ['abc'], uri: '/containers/json?all=1&filters=%7B%22id%22%3A%7B%22abc%22%3Atrue%7D%7D' },
  {
    name: 'joins several ids with a comma, lower-cased',
    ids: ['abc', 'DEF'],
    uri: '/containers/json?all=1&filters=%7B%22id%22%3A%7B%22abc%22%3Atrue%2C%22def%22%3Atrue%7D%7D',
  },
];
for (const c of uriCases) {
  test(`buildContainersUri ${c.name}`, () => assert.equal(buildContainersUri(c.ids), c.uri));
}

const idCases: Array<{ name: string; id: string; wanted: string[]; out: string }> = [
  { name: 'reports the full id without a filter', id: fullId, wanted: [], out: fullId },
  { name: 'reports an asked prefix as asked', id: fullId, wanted: ['E5814A'], out: 'E5814A' },
  { name: 'reports the full id for an asked infix', id: fullId, wanted: ['4a1477'], out: fullId },
  { name: 'drops a sha256: prefix', id: `sha256:${fullId}`, wanted: [], out: fullId },
];
for (const c of idCases) {
  test(`resolveRowId ${c.name}`, () => assert.equal(resolveRowId({ Id: c.id }, c.wanted), c.out));
}
