import { codes } from './codes.js';

/** docs/errors.md, generated from the registry (a test keeps the file in step). */
export function renderErrorsDoc(): string {
  const rows = Object.entries(codes).map(([code, c]) => `| \`${code}\` | ${c.summary} | ${c.status} | ${c.exit} |`);
  return [
    '# Error codes',
    '',
    'Generated from `src/core/errors/codes.ts`; do not edit by hand (`UPDATE_GOLDEN=1 npm run test:unit -- errors`).',
    'Every Watchpost error carries one of these codes: HTTP APIs answer with the status (and the',
    '`X-Watchpost-Error-Code` header), the CLI exits with the exit code and prints `error[CODE]: message`.',
    '',
    '| code | meaning | HTTP status | exit code |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
