import type { Locator, Page } from "playwright-core";
import { apiGet } from "./api";
import { waitForExpression } from "./wait";

/** The demo's evaluation year. */
export const DEMO_YEAR = 2025;

/** The input of one figure cell (`cell-<ELEMENT>-<REGION>`, on the input or around it). */
export function cellInput(page: Page, element: string, region: string): Locator {
  const id = `cell-${element}-${region}`;
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

/** Every figure cell's test id, in page order. */
export async function cellIds(page: Page): Promise<string[]> {
  return page.evaluate(
    `Array.from(document.querySelectorAll('[data-testid^="cell-"]'), (node) => node.getAttribute("data-testid"))`,
  );
}

/** The test id of the focused element, or of the cell around it. */
export async function focusedCell(page: Page): Promise<string | null> {
  return page.evaluate(
    `(() => { const a = document.activeElement; if (!a) return null;
      const own = a.getAttribute("data-testid"); if (own && own.startsWith("cell-")) return own;
      const around = a.closest('[data-testid^="cell-"]');
      return around ? around.getAttribute("data-testid") : null; })()`,
  );
}

/** The text of an indicator's points (`points-<CODE>`). */
export async function pointsText(page: Page, indicator: string): Promise<string> {
  return (await page.getByTestId(`points-${indicator}`).first().textContent())?.trim() ?? "";
}

/** Opens the workspace and waits until its grid accepts input (the app's own mark). */
export async function openWorkspace(page: Page, path = "/workspace/indicators"): Promise<void> {
  await page.goto(path);
  await waitForGridInteractive(page);
}

export async function waitForGridInteractive(page: Page): Promise<void> {
  await waitForExpression(page, `performance.getEntriesByName("grid-interactive").length > 0`);
}

interface StoredValue {
  value: number;
  version: number;
}

interface Items {
  indicators: { code: string; elements: { code: string; values: Record<string, StoredValue> }[] }[];
}

/** A figure as stored, read through the page's session (null when not entered). */
export async function storedValue(
  page: Page,
  element: string,
  region: string,
  year = DEMO_YEAR,
): Promise<StoredValue | null> {
  const items = await apiGet<Items>(page, `/api/cycles/${year}/items`);
  for (const indicator of items.indicators) {
    for (const entry of indicator.elements) {
      if (entry.code === element) return entry.values[region] ?? null;
    }
  }
  throw new Error(`${element} is not among the department's figures`);
}
