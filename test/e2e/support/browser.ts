import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { StackResolver } from "./source-maps";

/** Debian's chromium, driven by playwright-core (no bundled browser is downloaded). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type Device = "desktop" | "phone";

const VIEWPORTS: Record<Device, { width: number; height: number }> = {
  desktop: { width: 1366, height: 768 },
  // The clerk's pages are also used on a phone.
  phone: { width: 390, height: 844 },
};

/** An HTTP refusal the test provokes on purpose (the browser logs each as a console error). */
export interface ExpectedRefusal {
  status: number;
  /** A part of the request's path, e.g. "/api/auth/login". */
  path: string;
}

/**
 * Watches every page of a context for uncaught errors, console errors and warnings
 * (React's warnings among them). A test fails on any of them. The one kind of console
 * error a test may declare is the browser's own "Failed to load resource: …status of
 * 4xx" line, which Chromium prints for every refused request, including refusals the
 * test provokes on purpose (a wrong password, a stale save, a foreign department's
 * file): `expectRefusal` names them one by one, by status and path.
 */
export class ProblemWatch {
  readonly problems: string[] = [];
  private readonly expected: ExpectedRefusal[] = [];

  constructor(private readonly stacks?: StackResolver) {}

  expectRefusal(refusal: ExpectedRefusal): void {
    this.expected.push(refusal);
  }

  watch(page: Page): void {
    const where = () => page.url();
    page.on("pageerror", (error) => {
      const stack = error.stack ?? error.message;
      this.problems.push(`pageerror at ${where()}: ${this.stacks?.resolve(stack) ?? stack}`);
    });
    page.on("console", (message) => {
      const type = message.type();
      if (type !== "error" && type !== "warning") return;
      const location = message.location().url;
      const text = this.stacks?.resolve(message.text()) ?? message.text();
      if (type === "error" && this.isExpectedRefusal(text, location)) return;
      this.problems.push(
        `console.${type} at ${where()}: ${text}${location ? ` (${location})` : ""}`,
      );
    });
    page.on("crash", () => this.problems.push(`the page crashed at ${where()}`));
  }

  private isExpectedRefusal(text: string, location: string): boolean {
    const status = /Failed to load resource: the server responded with a status of (\d{3})/.exec(
      text,
    );
    if (!status) return false;
    let path = location;
    try {
      path = new URL(location).pathname;
    } catch {
      // keep the raw location
    }
    return this.expected.some(
      (refusal) => refusal.status === Number(status[1]) && path.includes(refusal.path),
    );
  }

  /** Throws (failing the test) when anything was seen; clears the list for the next test. */
  check(): void {
    const seen = this.problems.splice(0);
    this.expected.splice(0);
    if (seen.length > 0) {
      throw new Error(`the browser reported ${seen.length} problem(s):\n${seen.join("\n")}`);
    }
  }
}

export interface PageOptions {
  device?: Device;
}

/** One browser for a test file; a fresh context (cookies, storage) per page asked for. */
export class BrowserSession {
  readonly watch: ProblemWatch;
  private readonly contexts: BrowserContext[] = [];

  /** `assetsDir`: the served build's assets, to name original sources in page errors. */
  constructor(
    readonly browser: Browser,
    readonly baseUrl: string,
    assetsDir?: string,
  ) {
    this.watch = new ProblemWatch(assetsDir ? new StackResolver(assetsDir) : undefined);
  }

  async newContext(options: PageOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      viewport: VIEWPORTS[options.device ?? "desktop"],
      ...(options.device === "phone" ? { isMobile: true, hasTouch: true } : {}),
    });
    // Generous: the machine running the tests may be busy; a page that does not show
    // what a step waits for within 30 s is broken, not slow.
    context.setDefaultTimeout(30_000);
    context.on("page", (page) => this.watch.watch(page));
    this.contexts.push(context);
    return context;
  }

  async newPage(options: PageOptions = {}): Promise<Page> {
    const context = await this.newContext(options);
    return context.newPage();
  }

  /** Closes the contexts opened since the last call (each test starts clean). */
  async closeContexts(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
  }
}
