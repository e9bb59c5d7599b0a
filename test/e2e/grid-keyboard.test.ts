import { describe, expect, it } from "vitest";
import { logIn } from "./support/login";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";
import { cellIds, cellInput, focusedCell, openWorkspace, storedValue } from "./support/workspace";

const e2e = useE2e();

/** `cell-<ELEMENT>-<REGION>` → its parts (element codes may hold "_", never "-"). */
function parseCell(id: string): { element: string; region: string } {
  const [, element, region] = /^cell-([^-]+)-(.+)$/.exec(id) ?? [];
  if (!element || !region) throw new Error(`not a cell id: ${id}`);
  return { element, region };
}

const digits = (text: string) => text.replace(/[,\s]/g, "");

describe("the workspace grid from the keyboard", () => {
  it("Tab, Enter and the arrow keys move between cells; typing edits; Escape cancels", async () => {
    const page = await e2e.browser.newPage();
    await logIn(page, "edu-clerk");
    await openWorkspace(page);
    const ids = await cellIds(page);
    expect(ids.length).toBeGreaterThan(10);
    // The first card's first row: two inputs side by side (an indicator reads two figures).
    const first = parseCell(ids[0]!);
    const right = parseCell(ids[1]!);
    expect(right.region, "the first card has two columns").toBe(first.region);
    const below = ids.map(parseCell).filter((cell) => cell.element === first.element);
    const second = below[1]!;
    const third = below[2]!;

    await cellInput(page, first.element, first.region).click();
    expect(await focusedCell(page)).toBe(ids[0]);

    await page.keyboard.press("Tab");
    expect(await focusedCell(page)).toBe(ids[1]);
    await page.keyboard.press("Shift+Tab");
    expect(await focusedCell(page)).toBe(ids[0]);

    await page.keyboard.press("Enter");
    expect(await focusedCell(page)).toBe(`cell-${second.element}-${second.region}`);
    await page.keyboard.press("ArrowDown");
    expect(await focusedCell(page)).toBe(`cell-${third.element}-${third.region}`);
    await page.keyboard.press("ArrowUp");
    expect(await focusedCell(page)).toBe(`cell-${second.element}-${second.region}`);
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowRight");
    expect(await focusedCell(page)).toBe(`cell-${right.element}-${second.region}`);
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowLeft");
    expect(await focusedCell(page)).toBe(`cell-${first.element}-${second.region}`);

    // Typing edits the focused cell; Escape puts back what was there and saves nothing.
    const input = cellInput(page, first.element, second.region);
    const original = digits(await input.inputValue());
    const stored = await storedValue(page, first.element, second.region);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("4321");
    expect(digits(await input.inputValue())).toBe("4321");
    await page.keyboard.press("Escape");
    await eventually(async () => digits(await input.inputValue())).toBe(original);
    expect(await focusedCell(page)).toBe(`cell-${first.element}-${second.region}`);
    await page.waitForTimeout(1500);
    expect(await storedValue(page, first.element, second.region)).toEqual(stored);
  });
});
