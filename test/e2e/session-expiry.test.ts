import { describe, expect, it } from "vitest";
import { apiSend } from "./support/api";
import { fillLogin } from "./support/login";
import { logIn } from "./support/login";
import { DEMO_PASSWORD } from "./support/server";
import { eventually } from "./support/eventually";
import { useE2e } from "./support/suite";
import { DEMO_YEAR, cellInput, openWorkspace, storedValue } from "./support/workspace";

const e2e = useE2e();

const ELEMENT = "PRIMARY_AGE_POP";
const REGION = "LM";
const TYPED = "28999";

describe("an expired session", () => {
  it("asks to sign in again over the page, and the figure being typed is still there afterwards", async () => {
    const page = await e2e.browser.newPage();
    await logIn(page, "edu-clerk");
    await openWorkspace(page);
    const input = cellInput(page, ELEMENT, REGION);
    await input.click();
    await input.fill(TYPED);

    // The session ends on the server while the draft sits in the cell.
    const ended = await apiSend(page, "POST", "/api/auth/logout");
    expect(ended.ok()).toBe(true);
    e2e.browser.watch.expectRefusal({ status: 401, path: `/api/cycles/${DEMO_YEAR}/` });

    await input.press("Enter");
    const dialog = page.getByRole("dialog").filter({ hasText: "登录已过期" });
    await dialog.waitFor({ state: "visible" });
    expect(new URL(page.url()).pathname).toMatch(/^\/workspace/);
    await fillLogin(page, null, DEMO_PASSWORD);
    await dialog.waitFor({ state: "hidden" });

    await eventually(async () => (await input.inputValue()).replace(/[,\s]/g, "")).toBe(TYPED);
    expect(new URL(page.url()).pathname).toMatch(/^\/workspace/);
    // Signed in again, the figure can be saved (the page saves it again or on the next Enter).
    if ((await storedValue(page, ELEMENT, REGION))?.value !== Number(TYPED)) {
      await input.click();
      await input.press("Enter");
    }
    await eventually(async () => (await storedValue(page, ELEMENT, REGION))?.value).toBe(
      Number(TYPED),
    );
  });
});
