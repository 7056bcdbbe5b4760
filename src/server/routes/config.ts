import { stringify } from 'yaml';
import type { Route } from '../http/app.js';
import { sendText } from '../http/reply.js';

/** Keys whose values never leave the process. */
const secretKeys = new Set(['token', 'password', 'password_sha256', 'passwordSha256', 'key_file_contents']);

/**
 * `GET /config`: the effective configuration as YAML, secrets shown as
 * `<secret>`. `?mode=defaults` shows the defaults, `?mode=diffs` only what
 * differs from them, as Loki does.
 */
export function createConfigRoutes(options: { effective: () => unknown; defaults: () => unknown }): Route[] {
  return [
    {
      method: 'GET',
      path: '/config',
      access: 'authenticated',
      handle(ctx) {
        const mode = ctx.query.get('mode');
        const value = mode === 'defaults' ? options.defaults() : mode === 'diffs' ? diff(options.effective(), options.defaults()) ?? {} : options.effective();
        sendText(ctx.res, 200, stringify(redact(value)), 'text/plain; charset=utf-8');
      },
    },
  ];
}

/** A copy of `value` with secret fields replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretKeys.has(k) && v !== undefined && v !== '' ? '<secret>' : redact(v);
  return out;
}

/** The parts of `value` that differ from `base` (objects compared key by key), or undefined when equal. */
function diff(value: unknown, base: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && base !== null && typeof base === 'object' && !Array.isArray(base)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const d = diff(v, (base as Record<string, unknown>)[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(value) === JSON.stringify(base) ? undefined : value;
}
