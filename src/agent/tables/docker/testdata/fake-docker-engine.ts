/**
 * A FAKE Docker Engine API for tests, because no Docker engine can run on
 * the machines that run our tests. It listens on a unix socket and replays
 * responses recorded from a real engine (testdata/engine-26.1: Docker
 * 26.1.3, API 1.45), re-serialised compactly with a trailing newline as
 * dockerd sends them. It implements the parts of the API the docker_*
 * tables use, with dockerd's semantics:
 *   GET [/v1.NN]/containers/json   all=1 includes stopped containers;
 *                                  filters={"id":{"<re>":true}} keeps ids
 *                                  the (unanchored) regexp matches
 *   GET [/v1.NN]/containers/<id|name|id prefix>/json
 *   GET /_ping
 * plus control routes for tests: /__fake/requests (the URLs served so
 * far), /__fake/hang (never answers), /__fake/truncated (closes mid-body),
 * /__fake/status/<code> (an error answer).
 *
 * Run as its own process (the client under test blocks its thread):
 *   node --import tsx fake-docker-engine.ts <socket path> <fixture dir>
 * It prints "listening" once the socket accepts connections.
 */
import { createServer, type ServerResponse } from 'node:http';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

const [socketPath, fixtureDir] = process.argv.slice(2);
if (!socketPath || !fixtureDir) {
  process.stderr.write('usage: fake-docker-engine.ts <socket path> <fixture dir>\n');
  process.exit(64);
}

const summaries = JSON.parse(readFileSync(join(fixtureDir, 'containers.json'), 'utf8')) as Json[];
const inspects = new Map<string, Json>();
for (const file of readdirSync(join(fixtureDir, 'containers'))) {
  inspects.set(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(fixtureDir, 'containers', file), 'utf8')) as Json);
}
const served: string[] = [];

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Api-Version': '1.45',
    'Content-Type': 'application/json',
    'Docker-Experimental': 'false',
    Ostype: 'linux',
    Server: 'Docker/26.1.3 (linux)',
  });
  res.end(JSON.stringify(body) + '\n');
}

/** dockerd's filters.Args.Match: an exact key, or an unanchored regexp match. */
function matchesFilter(values: Record<string, boolean>, source: string): boolean {
  return Object.keys(values).some((v) => {
    if (v === source) return true;
    try {
      return new RegExp(v).test(source);
    } catch {
      return false;
    }
  });
}

function listContainers(res: ServerResponse, query: URLSearchParams): void {
  const all = query.get('all') === '1' || query.get('all') === 'true';
  let filters: Record<string, Record<string, boolean>> = {};
  const raw = query.get('filters');
  if (raw) {
    try {
      filters = JSON.parse(raw) as typeof filters;
    } catch {
      return send(res, 400, { message: 'invalid filter' });
    }
  }
  for (const key of Object.keys(filters)) if (key !== 'id') return send(res, 400, { message: `invalid filter '${key}'` });
  const idFilter = filters.id ?? {};
  const listed = summaries.filter(
    (c) => (all || c.State === 'running') && (Object.keys(idFilter).length === 0 || matchesFilter(idFilter, String(c.Id))),
  );
  send(res, 200, listed);
}

function inspectContainer(res: ServerResponse, ref: string): void {
  const exact = [...inspects.values()].find((c) => c.Id === ref || c.Name === `/${ref}`);
  const byPrefix = [...inspects.values()].filter((c) => String(c.Id).startsWith(ref));
  const found = exact ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
  if (!found) return send(res, 404, { message: `No such container: ${ref}` });
  send(res, 200, found);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://docker');
  const path = url.pathname.replace(/^\/v1\.\d+(?=\/)/, '');
  if (path === '/__fake/requests') return send(res, 200, served);
  served.push(req.url ?? '');
  if (path === '/__fake/hang') return;
  if (path === '/__fake/truncated') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
    res.write('[{"Id":');
    setTimeout(() => res.destroy(), 20);
    return;
  }
  const status = /^\/__fake\/status\/(\d{3})$/.exec(path);
  if (status) return send(res, Number(status[1]), { message: 'fake error' });
  if (req.method !== 'GET') return send(res, 404, { message: 'page not found' });
  if (path === '/_ping') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Api-Version': '1.45' });
    return void res.end('OK');
  }
  if (path === '/containers/json') return listContainers(res, url.searchParams);
  const inspect = /^\/containers\/([^/]+)\/json$/.exec(path);
  if (inspect) return inspectContainer(res, decodeURIComponent(inspect[1] ?? ''));
  send(res, 404, { message: 'page not found' });
});

rmSync(socketPath, { force: true });
server.listen(socketPath, () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
