// Public surface of src/shipper: the promtail-compatible shipper.
export { parseShipperConfig, type ParseConfigOptions } from './config/parse-config.js';
export type * from './config/types.js';
export { Shipper, type OnceResult, type ShipperOptions } from './topology/runtime.js';
export { startShipper, validateShipperConfig } from './topology/build.js';
export { createShipperMetrics, type ShipperMetrics } from './metrics.js';
export { createFakeLoki, type FakeLoki, type FakeLokiAnswer, type ReceivedPush } from './testing/fake-loki.js';
export { formatDurationMs } from './config/duration.js';
export { createProgressReporter, formatProgressLine, type ProgressSnapshot } from './topology/progress-reporter.js';
export { decodePushRequestProto, decodePushRequestJson, type DecodedStream, type DecodedEntry } from './testing/push-decode.js';
export { applyShipperMemoryProfile } from './memory-profile.js';
