export { createRemoteLokiClient, type RemoteLokiClient, type RemoteLokiOptions } from './remote-loki-client.js';
export { createRemoteEngine, decodeQueryData } from './remote-engine.js';
export { createRemoteStore } from './remote-store.js';
