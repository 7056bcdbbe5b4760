// A stand-in for `rpm` in tests: checks that it was asked for the query
// rpm_packages makes, then prints the canned output of rpm-qa.txt. With
// FAKE_RPM_FAIL=1 it fails the way rpm does on a broken database.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (process.env.FAKE_RPM_FAIL === '1') {
  process.stderr.write('error: cannot open Packages index using bdb_ro - No such file or directory (2)\n');
  process.exit(1);
}
const format = args[args.indexOf('--queryformat') + 1] ?? '';
if (!args.includes('-qa') || !format.startsWith('%{NAME}\\t%{VERSION}')) {
  process.stderr.write(`fake rpm: unexpected arguments ${JSON.stringify(args)}\n`);
  process.exit(2);
}
const root = args.includes('--root') ? args[args.indexOf('--root') + 1] : '/';
process.stdout.write(readFileSync(new URL('./rpm-qa.txt', import.meta.url), 'utf8').replaceAll('@ROOT@', root));
