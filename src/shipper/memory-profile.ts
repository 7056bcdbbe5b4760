import { setFlagsFromString } from 'node:v8';

/**
 * Tunes V8's heap for the shipper's process (`watchpost ship`): the
 * default young generation (16 MB semi-spaces) and lazy heap growth let a
 * backfill's short-lived per-line objects push RSS to ~145 MB; smaller
 * semi-spaces and size-optimised heap growth keep it near 90 MB for a few %
 * more CPU. Process-wide, so only the ship command calls it (not `up`),
 * after the shipper is built: during module loading it would cost ~0.4 s of GC.
 * Flags set after start-up are honoured by Node 20's V8 for these GC
 * settings; if a runtime refuses them, nothing changes.
 */
export function applyShipperMemoryProfile(): void {
  try {
    setFlagsFromString('--optimize-for-size');
    setFlagsFromString('--max-semi-space-size=4');
  } catch {
    // an engine that freezes flags after start-up keeps its defaults
  }
}
