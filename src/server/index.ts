// Public surface of src/server: the Loki-compatible HTTP API.
export { assertListenAllowed, createServer, isLoopbackHost, type ServerOptions, type ServerModule, type WatchpostServer } from './create-server.js';
export type { Route, RouteContext, UpgradeRoute, UpgradeContext, RequestInfo } from './http/app.js';
export type { AuthConfig, TokenGrant, BasicAuthGrant, TenantGrant, Access } from './http/auth.js';
export { writeError, toHttpStatus, type ErrorFormat } from './http/error-handler.js';
export { sendJson, sendText, sendNoContent } from './http/reply.js';
export { getBuildInfo, type BuildInfo } from './build-info.js';
export { createMemoryStore, type MemoryStore } from './testing/memory-store.js';
export { parseServerConfig, type ServerConfig } from './config/server-config.js';
export { createUiModule } from './ui/ui-module.js';
export { createRulerModule } from './ruler/ruler-module.js';
export { withPushListener } from './ruler/push-listener.js';
export { buildEffectiveConfig, type EffectiveSettings } from './config/effective-config.js';
export { createRemoteLokiClient, createRemoteEngine, createRemoteStore, type RemoteLokiOptions } from './remote/index.js';
