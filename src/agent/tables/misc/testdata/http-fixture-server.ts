/**
 * A small HTTP server for the curl and prometheus_metrics tests, run as its
 * own process because the synchronous client under test blocks the test's
 * thread. It listens on 127.0.0.1 (port 0) and prints `listening <port>`.
 *
 *   GET /hello                 200 "hello world\n"
 *   GET /utf8                  200 "héllo ✓\n" (more bytes than characters)
 *   GET /echo-user-agent       200 the request's User-Agent header
 *   GET /metrics               200 prometheus/node-exporter.txt
 *   GET /status/<code>         <code> "status <code>\n"
 *   GET /redirect/<n>          302 to /redirect/<n-1>; /redirect/0 → /hello
 *   GET /redirect-absolute     302 to http://127.0.0.1:<port>/hello
 *   GET /no-location           302 without a Location header
 *   GET /hang                  never answers
 *
 * Run: node --import tsx http-fixture-server.ts
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

const metrics = readFileSync(new URL('./prometheus/node-exporter.txt', import.meta.url));

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  const port = (server.address() as AddressInfo).port;
  let m: RegExpExecArray | null;
  if (path === '/hello') {
    res.end('hello world\n');
  } else if (path === '/utf8') {
    res.end('héllo ✓\n');
  } else if (path === '/echo-user-agent') {
    res.end(req.headers['user-agent'] ?? '');
  } else if (path === '/metrics') {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(metrics);
  } else if ((m = /^\/status\/(\d{3})$/.exec(path))) {
    res.writeHead(Number(m[1]));
    res.end(`status ${m[1]}\n`);
  } else if ((m = /^\/redirect\/(\d+)$/.exec(path))) {
    const n = Number(m[1]);
    res.writeHead(302, { Location: n === 0 ? '/hello' : `/redirect/${n - 1}` });
    res.end();
  } else if (path === '/redirect-absolute') {
    res.writeHead(302, { Location: `http://127.0.0.1:${port}/hello` });
    res.end();
  } else if (path === '/no-location') {
    res.writeHead(302);
    res.end();
  } else if (path === '/hang') {
    // Never answers; the client's timeout ends the request.
  } else {
    res.writeHead(404);
    res.end('no such route\n');
  }
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
