import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine, type SqlEngine } from '../../src/agent/index.js';
import { requireSshd, sshTestUser, startSshd } from '../support/sshd.js';

/** Runs one statement and returns its rows as objects keyed by column. */
async function select(engine: SqlEngine, sql: string): Promise<Record<string, string | null>[]> {
  const [result] = await engine.query(sql);
  assert.ok(result, `no result for ${sql}`);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i] ?? null])));
}

test('a real ssh login shows in last and logged_in_users, and its logout in last', { timeout: 90_000 }, async (t) => {
  if (!requireSshd(t)) return;
  const sshd = await startSshd();
  t.after(() => sshd.stop());
  const session = await sshd.login({ holdSeconds: 120 });
  const engine = await createSqlEngine();
  t.after(() => engine.close());
  const sessionPids = session.sessionPids.map(String);

  const logins = await select(
    engine,
    `select * from last where username = '${sshTestUser}' and tty = '${session.tty}' and type = 7 and time >= ${session.startedAtSec}`,
  );
  assert.equal(logins.length, 1, `one wtmp login for ${session.tty}: ${JSON.stringify(logins)}`);
  const login = logins[0]!;
  assert.equal(login.host, '127.0.0.1');
  assert.equal(login.type_name, 'user-process');
  assert.match(login.tty ?? '', /^pts\/\d+$/);
  assert.ok(sessionPids.includes(login.pid ?? ''), `pid ${login.pid} is one of the session's processes ${sessionPids.join(',')}`);
  assert.ok(Number(login.time) <= Math.ceil(Date.now() / 1000));

  const open = await select(engine, `select * from logged_in_users where tty = '${session.tty}' and type = 'user'`);
  assert.deepEqual(
    open.map((r) => [r.user, r.host, r.tty, r.pid]),
    [[sshTestUser, '127.0.0.1', session.tty, login.pid]],
    'the open session is in utmp',
  );
  assert.equal(open[0]?.time, login.time);

  await session.end();
  const afterEnd = await select(engine, `select * from logged_in_users where tty = '${session.tty}' and pid = ${login.pid}`);
  assert.deepEqual(afterEnd.map((r) => r.type), ['dead'], 'sshd marked the utmp slot dead at logout');
  const logouts = await select(engine, `select * from last where tty = '${session.tty}' and pid = ${login.pid} and type = 8 and time >= ${login.time}`);
  assert.equal(logouts.length, 1, 'one wtmp logout record');
  assert.equal(logouts[0]?.type_name, 'dead-process');
});
