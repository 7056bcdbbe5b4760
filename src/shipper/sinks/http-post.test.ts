import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { createHttpPoster } from './http-post.js';

// A self-signed test certificate for loki.test and 127.0.0.1 (testdata/, valid until 2126).
const certFile = fileURLToPath(new URL('./testdata/tls-cert.pem', import.meta.url));
const keyFile = fileURLToPath(new URL('./testdata/tls-key.pem', import.meta.url));

async function startHttps(t: { after(fn: () => Promise<void>): void }): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(`${req.headers['x-test']}:${body}`);
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/loki/api/v1/push`, bodies };
}

const cases = [
  { name: 'trusts the server with tls_config.ca_file', tls: { caFile: certFile, insecureSkipVerify: false }, ok: true },
  { name: 'checks the name given in tls_config.server_name', tls: { caFile: certFile, serverName: 'loki.test', insecureSkipVerify: false }, ok: true },
  { name: 'refuses a name the certificate does not carry', tls: { caFile: certFile, serverName: 'other.test', insecureSkipVerify: false }, ok: false },
  { name: 'refuses an unknown CA', tls: { insecureSkipVerify: false }, ok: false },
  { name: 'accepts anything with insecure_skip_verify', tls: { insecureSkipVerify: true }, ok: true },
];
for (const c of cases) {
  test(`createHttpPoster() over https ${c.name}`, async (t) => {
    const server = await startHttps(t);
    const poster = createHttpPoster(server.url, { tls: c.tls, timeoutMs: 5000 });
    t.after(() => poster.close());
    const sent = poster.post({ 'x-test': 'h' }, Buffer.from('body'));
    if (c.ok) {
      assert.equal((await sent).status, 204);
      assert.deepEqual(server.bodies, ['h:body']);
    } else {
      await assert.rejects(sent);
      assert.deepEqual(server.bodies, []);
    }
  });
}
