import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { crontabTable } from './crontab.js';

const root = join(import.meta.dirname, 'testdata/host');

test('crontab reads live cron files with osquery column shapes', () => {
  const { rows } = runGenerator(crontabTable);
  assert.deepEqual(
    validateRows('crontab', rows, {
      event: /^(@\S+)?$/, minute: 'String', hour: 'String', day_of_month: 'String', month: 'String', day_of_week: 'String',
      command: 'NonEmptyString', path: /^\/(etc\/crontab|etc\/cron\.d\/[^/.][^/]*|var\/spool\/cron\/([^/.][^/]*|crontabs\/[^/.][^/]*)|var\/at\/tabs\/[^/]+)$/,
    }),
    [],
  );
});

test('crontab reads /etc/crontab, then cron.d and spool files (no dot files), in osquery order', () => {
  const { rows } = runGenerator(crontabTable, { paths: { root } });
  assert.deepEqual(
    rows.map((r) => [r.path, r.event ?? '', r.minute ?? '', r.command]),
    [
      ['/etc/crontab', '', '17', 'root run-parts /etc/cron.hourly'],
      ['/etc/cron.d/backup', '', '30', 'root /usr/local/bin/backup'],
      ['/var/spool/cron/crontabs/alice', '@reboot', '', '/home/alice/start.sh'],
    ],
  );
});
