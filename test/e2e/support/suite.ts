import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { BrowserSession, launchBrowser } from "./browser";
import { startServer, type E2eServer, type StartOptions } from "./server";

export interface E2eSuite {
  readonly server: E2eServer;
  readonly browser: BrowserSession;
}

/**
 * The real server (its own data directory, seeded with the demo city) and one browser
 * for a test file. After every test its browser contexts close and the test fails if
 * any page reported an error, a console error or a warning.
 */
export function useE2e(options: StartOptions = {}): E2eSuite {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startServer(options), launchBrowser()]);
    // Whichever came up is kept, so afterAll stops it even when the other failed.
    if (started.status === "fulfilled") server = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    if (started.status === "rejected") throw started.reason;
    if (launched.status === "rejected") throw launched.reason;
    session = new BrowserSession(browser!, server!.baseUrl, server!.app.assetsDir);
  });

  afterEach(async () => {
    if (!session) return;
    await session.closeContexts();
    session.watch.check();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error("the server is not started");
      return server;
    },
    get browser() {
      if (!session) throw new Error("the browser is not started");
      return session;
    },
  };
}
