import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startTestServer } from '../testing/test-server.js';
import { createUiModule, findUiDir, uiPages } from './ui-module.js';

const shell = '<!doctype html><link rel="stylesheet" href="/ui/assets/app.css"><script type="module" src="/ui/assets/app.js"></script>\n';
const js = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;

function uiDir(t: { after: (fn: () => void) => void }, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-ui-module-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('createUiModule: every page path answers the shell, naming the assets by content hash', async (t) => {
  const s = await startTestServer({ modules: [createUiModule({ dir: uiDir(t, { 'index.html': shell, 'app.js': js, 'app.css': 'body{}' }) })] });
  t.after(() => s.close());
  const bodies = new Set<string>();
  for (const path of uiPages) {
    const res = await s.request('GET', path);
    assert.equal(res.status, 200, path);
    assert.equal(res.contentType, 'text/html; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    bodies.add(res.body);
  }
  assert.equal(bodies.size, 1);
  const [html] = [...bodies];
  assert.match(html ?? '', /^<!doctype html><link rel="stylesheet" href="\/ui\/assets\/app\.css\?v=[0-9a-f]{12}"><script type="module" src="\/ui\/assets\/app\.js\?v=[0-9a-f]{12}"><\/script>\n$/);
});

test('createUiModule: assets are gzipped when accepted, cached for a year when versioned, 404 otherwise', async (t) => {
  const s = await startTestServer({ modules: [createUiModule({ dir: uiDir(t, { 'index.html': shell, 'app.js': js, 'app.css': 'body{}' }) })] });
  t.after(() => s.close());
  const gz = await fetch(`${s.url}/ui/assets/app.js?v=abc`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(gz.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(gz.headers.get('vary'), 'Accept-Encoding');
  assert.equal(await gz.text(), js, 'fetch decodes the gzip body');
  const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
    import('node:http').then(({ get }) =>
      get(`${s.url}/ui/assets/app.js`, { headers: { 'Accept-Encoding': 'gzip, deflate' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject),
    );
  });
  assert.equal(raw.encoding, 'gzip');
  assert.equal(gunzipSync(raw.body).toString(), js);
  const plain = await new Promise<{ encoding: string | undefined; cache: string | undefined; body: string }>((resolve, reject) => {
    import('node:http').then(({ get }) =>
      get(`${s.url}/ui/assets/app.css`, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], cache: res.headers['cache-control'], body }));
      }).on('error', reject),
    );
  });
  assert.deepEqual(plain, { encoding: undefined, cache: 'no-cache', body: 'body{}' });
  for (const path of ['/ui/assets/other.js', '/ui/assets/index.html', '/ui/assets/app.js.map']) {
    const res = await s.request('GET', path);
    assert.equal(res.status, 404, path);
    assert.equal(res.body, '404 page not found\n');
  }
});

test('createUiModule: an unbuilt UI answers 503 with how to build it', async (t) => {
  const s = await startTestServer({ modules: [createUiModule({ dir: uiDir(t, {}) })] });
  t.after(() => s.close());
  const res = await s.request('GET', '/explore');
  assert.equal(res.status, 503);
  assert.equal(res.body, 'the web UI is not built: run `npm run build`\n');
});

test('findUiDir: the built bundle beside dist/server, or dist/web from the sources, never src/web itself', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-ui-find-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const dir of ['src/server/ui', 'src/web', 'dist/server/ui', 'dist/web']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'src/web/index.html'), shell);
  // Sources without a build: no UI (src/web has the shell but no bundle).
  assert.equal(findUiDir(join(root, 'src/server/ui')), undefined);
  writeFileSync(join(root, 'dist/web/index.html'), shell);
  writeFileSync(join(root, 'dist/web/app.js'), js);
  assert.equal(findUiDir(join(root, 'src/server/ui')), join(root, 'dist/web'));
  assert.equal(findUiDir(join(root, 'dist/server/ui')), join(root, 'dist/web'));
  // The CLI bundle (dist/watchpost.mjs) looks beside itself.
  assert.equal(findUiDir(join(root, 'dist')), join(root, 'dist/web'));
});
