import { getBuildInfo } from '../build-info.js';
import type { Route } from '../http/app.js';
import { sendJson } from '../http/reply.js';

/** `GET /loki/api/v1/status/buildinfo` (and Loki's unversioned alias). */
export function createBuildInfoRoutes(): Route[] {
  const handle: Route['handle'] = (ctx) => sendJson(ctx.res, 200, getBuildInfo());
  return [
    { method: 'GET', path: '/loki/api/v1/status/buildinfo', access: 'authenticated', handle },
    { method: 'GET', path: '/api/v1/status/buildinfo', access: 'authenticated', handle },
  ];
}
