import type { Page } from "playwright-core";
import { waitForExpression } from "./wait";
import { waitForGridInteractive } from "./workspace";

/** ms from the document's navigation start to the app's `grid-interactive` mark. */
export async function gridInteractiveMs(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await waitForGridInteractive(page);
  return page.evaluate(`performance.getEntriesByName("grid-interactive")[0].startTime`);
}

export interface KeystrokeSample {
  key: string;
  /** keydown (capture phase) → the MutationObserver sees the points text change. */
  toMutation: number;
  /** keydown → the next animation frame after that change (the paint that shows it). */
  toFrame: number;
  text: string;
}

/**
 * Installs the in-page probe: a capture-phase keydown listener notes when each key
 * went down (before any handler of the app runs), and a MutationObserver notes when
 * the text of `points-<indicator>` changes, then waits for the next animation frame
 * so the time includes the frame that paints it. Plain strings, not functions: the
 * test runner's transform would wrap named functions in helpers the page lacks.
 */
async function installProbe(page: Page, indicator: string): Promise<void> {
  await page.evaluate(`(() => {
    const selector = '[data-testid="points-${indicator}"]';
    const read = () => { const node = document.querySelector(selector); return node ? node.textContent : null; };
    const probe = { keyAt: 0, key: "", last: read(), samples: [] };
    window.__kaopingProbe = probe;
    document.addEventListener("keydown", (event) => { probe.keyAt = performance.now(); probe.key = event.key; }, true);
    new MutationObserver(() => {
      const text = read();
      if (text === probe.last) return;
      probe.last = text;
      const keyAt = probe.keyAt;
      const key = probe.key;
      const seenAt = performance.now();
      requestAnimationFrame(() => {
        probe.samples.push({ key, toMutation: seenAt - keyAt, toFrame: performance.now() - keyAt, text });
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

const sampleCount = (page: Page) =>
  page.evaluate(`window.__kaopingProbe.samples.length`) as Promise<number>;

/**
 * Types `keys` one at a time into the focused cell and measures, for each, the time
 * from the key going down to the indicator's points changing on screen. Every key must
 * change the points (the caller picks keys that move the value enough to show).
 */
export async function measureKeystrokes(
  page: Page,
  indicator: string,
  keys: string[],
): Promise<KeystrokeSample[]> {
  await installProbe(page, indicator);
  const measured: KeystrokeSample[] = [];
  for (const key of keys) {
    const before = await sampleCount(page);
    await page.keyboard.press(key);
    await waitForExpression(page, `window.__kaopingProbe.samples.length > ${before}`, 10_000);
    measured.push(await page.evaluate(`window.__kaopingProbe.samples[${before}]`));
    // Let any re-render settle before the next key, so keys do not overlap.
    await page.waitForTimeout(150);
  }
  return measured;
}

export interface Summary {
  samples: number;
  median: number;
  p90: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? NaN;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    samples: sorted.length,
    median: round(at(0.5)),
    p90: round(at(0.9)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}
