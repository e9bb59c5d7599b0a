import type { Page } from "playwright-core";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits until a JavaScript expression is true in the page. Not page.waitForFunction:
 * that compiles its predicate inside the page, which the app's Content Security Policy
 * (script-src 'self', no eval) rightly refuses; page.evaluate runs through the DevTools
 * protocol instead. The expression is a string, so the test runner's transform cannot
 * add helpers the page lacks.
 */
export async function waitForExpression(
  page: Page,
  expression: string,
  timeout = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(`Boolean(${expression})`)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
    await sleep(25);
  }
}
