import { describe, expect, it } from "vitest";
import { apiSendOk } from "./support/api";
import { logIn } from "./support/login";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";
import { DEMO_YEAR, cellInput, openWorkspace, storedValue } from "./support/workspace";

const e2e = useE2e();

const ELEMENT = "PRIMARY_ENROLLED";

/**
 * Someone else saves the figure while the page still holds the older version (here: a
 * save through the API in the same session, behind the page's back); the page's own
 * save then meets 409 and must offer the choice instead of overwriting silently.
 */
async function staleSave(region: string, behindTheBack: number, typed: number) {
  const page = await e2e.browser.newPage();
  e2e.browser.watch.expectRefusal({ status: 409, path: `/api/cycles/${DEMO_YEAR}/values/` });
  await logIn(page, "edu-clerk");
  await openWorkspace(page);
  const seen = await storedValue(page, ELEMENT, region);
  await apiSendOk(page, "PUT", `/api/cycles/${DEMO_YEAR}/values/${ELEMENT}/${region}`, {
    value: behindTheBack,
    version: seen?.version ?? 0,
  });
  const input = cellInput(page, ELEMENT, region);
  await input.click();
  await input.fill(String(typed));
  await input.press("Enter");
  const dialog = page.getByTestId("conflict-dialog");
  await dialog.waitFor({ state: "visible" });
  return { page, dialog, input };
}

describe("a stale save", () => {
  it("shows the conflict choice; keeping mine stores the typed figure", async () => {
    const { page, dialog } = await staleSave("HC", 131_000, 132_500);
    await dialog.getByRole("button", { name: "保留我的数值" }).click();
    await dialog.waitFor({ state: "hidden" });
    await eventually(async () => (await storedValue(page, ELEMENT, "HC"))?.value).toBe(132_500);
  });

  it("shows the conflict choice; taking the saved one keeps the other save and shows it", async () => {
    const { page, dialog, input } = await staleSave("HY", 85_100, 85_900);
    await dialog.getByRole("button", { name: "采用已保存的数值" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await storedValue(page, ELEMENT, "HY"))?.value).toBe(85_100);
    await eventually(async () => (await input.inputValue()).replace(/[,\s]/g, "")).toBe("85100");
    // Nothing the page still held overwrote it afterwards.
    expect((await storedValue(page, ELEMENT, "HY"))?.value).toBe(85_100);
  });
});
