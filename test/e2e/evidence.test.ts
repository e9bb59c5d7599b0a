import { describe, expect, it } from "vitest";
import { apiGet } from "./support/api";
import { logIn } from "./support/login";
import { onePagePdf } from "./support/pdf";
import { useE2e } from "./support/suite";
import { DEMO_YEAR, openWorkspace } from "./support/workspace";

const e2e = useE2e();

const INDICATOR = "EDU01";
const FILE_NAME = "小学入学率统计表.pdf";

interface Items {
  indicators: { code: string; evidence: { id: string; originalName: string }[] }[];
}

describe("evidence", () => {
  it("a PDF is uploaded, listed and previewed; another department neither sees nor opens it", async () => {
    const clerk = await e2e.browser.newPage();
    await logIn(clerk, "edu-clerk");
    await openWorkspace(clerk);
    // The indicator's details (beside the grid) hold its evidence.
    await clerk
      .getByTestId(`indicator-${INDICATOR}`)
      .getByRole("button", { name: /^详\s*情$/ })
      .click();
    const panel = clerk.getByTestId(`evidence-indicator-${INDICATOR}`);
    await panel.waitFor({ state: "visible" });
    await panel.locator('input[type="file"]').setInputFiles({
      name: FILE_NAME,
      mimeType: "application/pdf",
      buffer: onePagePdf("Kaoping evidence"),
    });
    const item = panel.getByTestId("evidence-item").filter({ hasText: FILE_NAME });
    await item.waitFor({ state: "visible" });

    const items = await apiGet<Items>(clerk, `/api/cycles/${DEMO_YEAR}/items`);
    const stored = items.indicators
      .find((indicator) => indicator.code === INDICATOR)
      ?.evidence.find((file) => file.originalName === FILE_NAME);
    expect(stored, "the uploaded file is listed by the API").toBeDefined();
    const fileUrl = `/api/cycles/${DEMO_YEAR}/evidence/${stored!.id}`;

    const preview = clerk.waitForResponse(
      (response) => response.url().includes(`${fileUrl}?`) && response.url().includes("inline=1"),
    );
    await item
      .getByRole("button", { name: /预览/ })
      .or(item.getByRole("link", { name: /预览/ }))
      .first()
      .click();
    const frame = clerk.getByTestId("evidence-preview");
    await frame.waitFor({ state: "visible" });
    const response = await preview;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/pdf/);
    const shown = await frame.evaluate(
      (node) => node.getAttribute("src") ?? node.querySelector("iframe")?.getAttribute("src"),
    );
    expect(shown).toContain(`${fileUrl}?`);
    expect(shown).toContain("inline=1");

    const other = await e2e.browser.newPage();
    e2e.browser.watch.expectRefusal({ status: 403, path: fileUrl });
    await logIn(other, "health-clerk");
    for (const tab of ["/workspace", "/workspace/indicators"]) {
      await other.goto(tab);
      await other.waitForLoadState("networkidle");
      expect(await other.locator("body").textContent()).not.toContain(FILE_NAME);
    }
    const theirs = await apiGet<Items>(other, `/api/cycles/${DEMO_YEAR}/items`);
    expect(JSON.stringify(theirs)).not.toContain(stored!.id);
    expect((await other.request.get(fileUrl)).status()).toBe(403);
    expect((await other.request.get(`${fileUrl}?inline=1`)).status()).toBe(403);
    const opened = await other.goto(`${fileUrl}?inline=1`);
    expect(opened?.status()).toBe(403);
  });
});
