import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLogsCommand } from './logs.js';

/** A stand-in Loki answering canned data and recording the requests it saw. */
async function startFakeLoki(answer: (url: URL) => unknown): Promise<{ addr: string; requests: Array<{ url: URL; headers: Record<string, unknown> }>; close(): Promise<void> }> {
  const requests: Array<{ url: URL; headers: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ url, headers: req.headers });
    const data = answer(url);
    if (data instanceof Error) {
      res.statusCode = 400;
      res.end(`${data.message}\n`);
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { addr: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runLogsCommand(argv, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

test('logs query sends logcli\'s parameters and credentials and prints lines as logcli', async (t) => {
  const loki = await startFakeLoki(() => ({
    resultType: 'streams',
    result: [{ stream: { job: 'sshd' }, values: [['1764756000000000000', 'Accepted password for alice']] }],
  }));
  t.after(() => loki.close());
  const result = await run(['query', '{job="sshd"}', `--addr=${loki.addr}`, '--org-id=team-a', '--bearer-token', 's3cret', '--limit', '5', '-z', 'UTC', '--from=2025-12-03T09:00:00Z', '--to=2025-12-03T11:00:00Z']);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '2025-12-03T10:00:00Z {} Accepted password for alice\n');
  const [request] = loki.requests;
  assert.equal(request?.url.pathname, '/loki/api/v1/query_range');
  assert.equal(request?.url.searchParams.get('query'), '{job="sshd"}');
  assert.equal(request?.url.searchParams.get('limit'), '5');
  assert.equal(request?.url.searchParams.get('direction'), 'backward');
  assert.equal(request?.url.searchParams.get('start'), '1764752400000000000');
  assert.equal(request?.headers['x-scope-orgid'], 'team-a');
  assert.equal(request?.headers.authorization, 'Bearer s3cret');
});

test('logs labels and series print one item per line; LOKI_ADDR is honoured', async (t) => {
  const loki = await startFakeLoki((url) => (url.pathname.endsWith('/labels') ? ['host', 'job'] : url.pathname.includes('/label/') ? ['sshd'] : [{ job: 'sshd', host: 'h1' }]));
  t.after(() => loki.close());
  process.env.LOKI_ADDR = loki.addr;
  t.after(() => delete process.env.LOKI_ADDR);
  assert.equal((await run(['labels'])).stdout, 'host\njob\n');
  assert.equal((await run(['labels', 'job'])).stdout, 'sshd\n');
  assert.equal((await run(['series', '{job="sshd"}'])).stdout, '{host="h1", job="sshd"}\n');
  assert.equal(loki.requests[2]?.url.searchParams.get('match[]'), '{job="sshd"}');
});

test('logs query reports the server\'s error text', async (t) => {
  const loki = await startFakeLoki(() => new Error('parse error at line 1, col 1: syntax error: unexpected IDENTIFIER'));
  t.after(() => loki.close());
  await assert.rejects(run(['query', 'nope', `--addr=${loki.addr}`]), /Error response from server: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER \(400\)/);
});
