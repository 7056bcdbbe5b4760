import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientAuthHeaders } from './client-auth-headers.js';

test('clientAuthHeaders() sends the tenant and one Authorization header, a bearer token winning over basic auth', () => {
  const cases: Array<[Parameters<typeof clientAuthHeaders>[0], Record<string, string>]> = [
    [{}, {}],
    [{ orgId: 'team-a' }, { 'X-Scope-OrgID': 'team-a' }],
    [{ bearerToken: 't' }, { Authorization: 'Bearer t' }],
    [{ username: 'u', password: 'p' }, { Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` }],
    [{ bearerToken: 't', username: 'u', orgId: '' }, { Authorization: 'Bearer t' }],
  ];
  for (const [credentials, want] of cases) assert.deepEqual(clientAuthHeaders(credentials), want);
});
