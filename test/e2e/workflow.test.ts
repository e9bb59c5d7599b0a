import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiGet, apiSend, csrfToken } from "./support/api";
import { eventually } from "./support/eventually";
import { logIn } from "./support/login";
import { screenshot } from "./support/output";
import { onePagePdf } from "./support/pdf";
import { useE2e } from "./support/suite";
import { cellInput, DEMO_YEAR, openWorkspace, storedValue } from "./support/workspace";

const e2e = useE2e();

const DEPARTMENT = "EDU";
const BASE = `/api/cycles/${DEMO_YEAR}`;
/** The indicator whose evidence is left missing at first, so the head sees an error. */
const LAST_EVIDENCE = "EDU09";
/** EDU's large_change warnings in the demo are on LARGE_CLASSES; EDU09 reads it. */
const ELEMENT = "LARGE_CLASSES";
const REGION = "HC";
const RETURN_REASON = "惠城区大班额数据与教育事业统计年报不一致，请核对后更正";

interface Items {
  indicators: { code: string; evidence: unknown[] }[];
  workItems: { code: string; answer: unknown }[];
}

/** Evidence for one indicator, uploaded through the API in the page's session. */
async function uploadEvidence(page: Page, indicator: string): Promise<void> {
  const reply = await page.request.post(`${BASE}/evidence`, {
    headers: { "X-CSRF-Token": await csrfToken(page), Accept: "application/json" },
    multipart: {
      targetKind: "indicator",
      targetCode: indicator,
      file: {
        name: `${indicator}-统计表.pdf`,
        mimeType: "application/pdf",
        buffer: onePagePdf(`Kaoping ${indicator}`),
      },
    },
  });
  if (!reply.ok())
    throw new Error(`upload for ${indicator}: ${reply.status()} ${await reply.text()}`);
}

/** The head opens the submit dialog from the workspace's hand-in strip. */
async function openSubmitDialog(head: Page) {
  await head.goto("/workspace");
  await head.getByTestId("open-submit").click();
  const dialog = head.getByTestId("submit-dialog");
  await dialog.getByTestId("declaration-text").waitFor({ state: "visible" });
  return dialog;
}

/** Justifies every warning, ticks the declaration and sends; the page says it is submitted. */
async function justifyAndSubmit(head: Page, text: string): Promise<void> {
  const dialog = head.getByTestId("submit-dialog");
  const send = head.getByTestId("submit-send");
  const warnings = dialog.getByTestId("check-warning");
  const count = await warnings.count();
  expect(count, "EDU's demo figures move more than 30% from last year").toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    await warnings
      .nth(index)
      .locator("textarea")
      .fill(`${text}（${index + 1}）`);
    if (index < count - 1)
      expect(await send.isDisabled(), "a warning is still unjustified").toBe(true);
  }
  expect(await send.isDisabled(), "the declaration is not ticked yet").toBe(true);
  await dialog.getByText("我已阅读并确认上述承诺").click();
  await eventually(() => send.isDisabled()).toBe(false);
  await send.click();
  await head.getByTestId("lock-banner-submitted").waitFor({ state: "visible" });
}

describe("the year's workflow in the browser", () => {
  it("the office grants a department a lock exception and revokes it", async () => {
    const office = await e2e.browser.newPage();
    await logIn(office, "office");
    const cycles = await apiGet<{ year: number; provinceDue: string }[]>(office, "/api/cycles");
    const until = cycles.find((cycle) => cycle.year === DEMO_YEAR)!.provinceDue;
    await office.goto("/admin/years");
    const card = office.getByTestId("lock-exceptions");
    await card.getByTestId("grant-exception").click();
    const form = office.getByTestId("exception-form");
    await form.getByLabel("单位").click();
    await office.keyboard.type("市卫生局");
    await office.keyboard.press("Enter");
    await form.getByLabel("截止至").click();
    await office.keyboard.type(until);
    await office.keyboard.press("Enter");
    await form.getByLabel("理由").fill("基层数据核查延误，需补报");
    await office.getByTestId("exception-send").click();
    const row = card.locator("tbody tr").filter({ hasText: "基层数据核查延误" });
    await row.waitFor({ state: "visible" });
    expect(await row.textContent()).toContain("有效");

    const listed = await apiGet<{
      exceptions: { department: string; until: string; active: boolean }[];
    }>(office, `${BASE}/lock-exceptions`);
    expect(listed.exceptions).toEqual([
      expect.objectContaining({ department: "HEALTH", until, active: true }),
    ]);

    await row.getByRole("button", { name: "撤销市卫生局的例外" }).click();
    await office
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: /撤\s*销/ })
      .click();
    await eventually(() => row.textContent()).toContain("已撤销");
    const after = await apiGet<{ exceptions: { active: boolean; revokedAt: string | null }[] }>(
      office,
      `${BASE}/lock-exceptions`,
    );
    expect(after.exceptions[0]!.active).toBe(false);
    expect(after.exceptions[0]!.revokedAt).not.toBeNull();
  });

  it("submit with justified warnings, return with a reason, correct, resubmit, accept, aggregate", async () => {
    // What the UI need not show again: the clerk files the evidence EDU's indicators
    // ask for (all but one, so the head meets an error first) and every work item is
    // answered in the demo.
    const clerk = await e2e.browser.newPage();
    await logIn(clerk, "edu-clerk");
    const items = await apiGet<Items>(clerk, `${BASE}/items`);
    expect(items.workItems.every((item) => item.answer !== null)).toBe(true);
    for (const indicator of items.indicators) {
      if (indicator.code !== LAST_EVIDENCE && indicator.evidence.length === 0)
        await uploadEvidence(clerk, indicator.code);
    }

    // The head: one error blocks; its entry leads to the item; with the evidence filed
    // only warnings remain, each justified, the declaration ticked, then 报送.
    const head = await e2e.browser.newPage();
    await logIn(head, "edu-head");
    let dialog = await openSubmitDialog(head);
    const errors = dialog.getByTestId("check-error");
    await eventually(() => errors.count()).toBe(1);
    expect(await errors.first().textContent()).toContain(LAST_EVIDENCE);
    expect(await head.getByTestId("submit-send").isDisabled()).toBe(true);
    await errors.first().getByRole("button", { name: "前往该项" }).click();
    await dialog.waitFor({ state: "detached" });
    await head.waitForURL((url) => url.pathname === "/workspace/indicators");
    await eventually(() =>
      head.evaluate(`Boolean(document.activeElement?.closest("#indicator-${LAST_EVIDENCE}"))`),
    ).toBe(true);

    await uploadEvidence(clerk, LAST_EVIDENCE);
    dialog = await openSubmitDialog(head);
    await eventually(() => dialog.getByTestId("check-error").count()).toBe(0);
    await justifyAndSubmit(head, "大班额专项整治成效，数据已核实");
    expect(await head.getByTestId("lock-banner-submitted").textContent()).toContain("已报送");
    await head.getByTestId("submission-state-submitted").waitFor({ state: "visible" });
    await head.goto("/workspace/indicators");
    await head.getByTestId("indicator-grid").waitFor({ state: "visible" });
    await eventually(() =>
      cellInput(head, ELEMENT, REGION).getAttribute("readonly"),
    ).not.toBeNull();
    await head.getByTestId("lock-banner-submitted").waitFor({ state: "visible" });
    await screenshot(head, "workflow-submitted-workspace");

    // The office sees the justification and returns one item with a reason.
    const office = await e2e.browser.newPage();
    await logIn(office, "office");
    await office.goto(`/office/departments/${DEPARTMENT}`);
    const review = office.getByTestId("review-workflow");
    await review.getByTestId("history-justifications").waitFor({ state: "visible" });
    expect(await review.getByTestId("history-justifications").textContent()).toContain(
      "大班额专项整治成效，数据已核实",
    );
    await review.getByTestId("certificate-check").click();
    await review.getByTestId("certificate-matches").waitFor({ state: "visible" });
    await screenshot(office, "workflow-office-review-submitted");
    await review.getByTestId("review-return").click();
    const returning = office.getByTestId("return-dialog");
    await returning.locator(".ant-select").click();
    await office.keyboard.type(LAST_EVIDENCE);
    await office.keyboard.press("Enter");
    await office.keyboard.press("Escape");
    await returning.getByTestId(`return-reason-indicator:${LAST_EVIDENCE}`).fill(RETURN_REASON);
    await office.getByTestId("return-send").click();
    await review.getByTestId("submission-state-returned").waitFor({ state: "visible" });

    // The clerk sees the reason at the top and on the item, follows it and corrects a figure.
    await clerk.goto("/workspace");
    const reasons = clerk.getByTestId("return-reasons");
    await reasons.waitFor({ state: "visible" });
    expect(await reasons.textContent()).toContain(RETURN_REASON);
    await screenshot(clerk, "workflow-returned-workspace");
    await reasons.getByRole("button", { name: new RegExp(LAST_EVIDENCE) }).click();
    await clerk.waitForURL((url) => url.pathname === "/workspace/indicators");
    const onItem = clerk.getByTestId(`reason-indicator-${LAST_EVIDENCE}`);
    await onItem.waitFor({ state: "visible" });
    expect(await onItem.textContent()).toContain(RETURN_REASON);
    await openWorkspace(clerk);
    const before = await storedValue(clerk, ELEMENT, REGION);
    const corrected = (before?.value ?? 0) + 1;
    const input = cellInput(clerk, ELEMENT, REGION);
    await input.click();
    await input.fill(String(corrected));
    await input.press("Enter");
    await eventually(async () => (await storedValue(clerk, ELEMENT, REGION))?.value).toBe(
      corrected,
    );

    // The head submits again; the office accepts.
    dialog = await openSubmitDialog(head);
    await eventually(() => dialog.getByTestId("check-warning").count()).toBeGreaterThan(0);
    await justifyAndSubmit(head, "已按考评办意见更正惠城区数据");
    await office.reload();
    await review.getByTestId("review-accept").click();
    const accepting = office.waitForResponse((reply) =>
      reply.url().endsWith(`/departments/${DEPARTMENT}/accept`),
    );
    await office.getByTestId("accept-confirm").click();
    expect((await accepting).status()).toBe(200);
    await review.getByTestId("submission-state-accepted").waitFor({ state: "visible" });

    // Aggregation: the other departments are not accepted, so the server refuses (409)
    // and the office aggregates with a reason; the overview says 已汇总.
    e2e.browser.watch.expectRefusal({ status: 409, path: `${BASE}/aggregate` });
    await office.goto("/office");
    await office.getByTestId("cycle-status-open").waitFor({ state: "visible" });
    await eventually(() => office.getByTestId(`dept-state-${DEPARTMENT}`).textContent()).toContain(
      "已接收",
    );
    await office.getByTestId("aggregate").click();
    await office.getByTestId("aggregate-confirm").click();
    const override = office.getByTestId("aggregate-override");
    await override.waitFor({ state: "visible" });
    expect(await override.textContent()).toContain("未接收");
    await override
      .getByTestId("aggregate-override-reason")
      .fill("省考评办要求按期报送，其余单位材料随后补充");
    await office.getByTestId("aggregate-override-send").click();
    await office.getByTestId("cycle-status-aggregated").waitFor({ state: "visible" });
    expect(await office.getByTestId("cycle-status-aggregated").textContent()).toContain("已汇总");

    // A figure saved now is refused as locked by the aggregation.
    const stored = await storedValue(clerk, ELEMENT, REGION);
    const refused = await apiSend(clerk, "PUT", `${BASE}/values/${ELEMENT}/${REGION}`, {
      value: corrected + 1,
      version: stored!.version,
    });
    expect(refused.status()).toBe(423);
    expect(((await refused.json()) as { lock?: { kind: string } }).lock?.kind).toBe("aggregated");
  }, 300_000); // four people and a dozen steps: longer than a single page's test
});
