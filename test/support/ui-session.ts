// The shared setup of the browser UI tests: one seeded server and one
// Chromium per `describe`, pages that record their problems, and the checks
// every page ends with.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { auditPageScript, launchChromium, openPage, saveScreenshot, seedSecurityData, startUiServer, type SeededData, type UiServer, type UiServerOptions, type WatchedPage } from './ui-server.js';

export interface UiSession {
  /** The running server (valid once the suite's `before` hook has run). */
  readonly server: UiServer;
  /** What seedSecurityData wrote (valid once the suite's `before` hook has run). */
  readonly seeded: SeededData;
  /** A new watched page in its own browser context, closed by the suite's `after` hook. */
  newPage(): Promise<WatchedPage>;
}

export interface UiSessionOptions {
  /** How to start the server (default: with the ruler module). */
  readonly server?: UiServerOptions;
  /** Seed only the streams of these jobs (default: all of seedSecurityData's). */
  readonly seedJobs?: readonly string[];
  /** Evaluate the ruler's groups once after seeding, so the built-in detections fire. */
  readonly evaluateRules?: boolean;
}

/**
 * Registers, in the calling `describe`, a `before` hook that starts a UI
 * server, seeds it with seedSecurityData and launches Chromium, and an `after`
 * hook that closes every page opened through `newPage`, the browser and the
 * server.
 */
export function useUiSession(options: UiSessionOptions = {}): UiSession {
  let server: UiServer | undefined;
  let seeded: SeededData | undefined;
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];
  before(async () => {
    server = await startUiServer(options.server);
    seeded = await seedSecurityData(server, Date.now(), { jobs: options.seedJobs });
    if (options.evaluateRules === true) await server.evaluateRules();
    browser = await launchChromium();
  });
  after(async () => {
    for (const p of pages) await p.page.context().close();
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the UI session is used before its before hook ran');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get seeded() {
      return started(seeded);
    },
    async newPage() {
      const watched = await openPage(started(browser));
      pages.push(watched);
      return watched;
    },
  };
}

/**
 * Ends a page's test: saves its screenshot as `<name>.png`, then asserts the
 * accessibility audit finds nothing and the page saw no console errors,
 * exceptions or failed requests.
 */
export async function assertCleanPage(watched: WatchedPage, screenshotName: string): Promise<void> {
  await saveScreenshot(watched.page, screenshotName);
  assert.deepEqual(await watched.page.evaluate(auditPageScript), []);
  assert.deepEqual(watched.problems, []);
}
