import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiGet, apiSendOk } from "./support/api";
import { seriousViolations } from "./support/axe";
import { eventually } from "./support/eventually";
import { logIn } from "./support/login";
import { screenshot } from "./support/output";
import { useE2e } from "./support/suite";
import { DEMO_YEAR } from "./support/workspace";

const e2e = useE2e();

const DEPARTMENT = "EDU";
const DEPARTMENT_NAME = "市教育局";
const DOCS = `/api/cycles/${DEMO_YEAR}/documents`;
const TEMPLATE_UPLOAD = `/api/cycles/${DEMO_YEAR}/departments/${DEPARTMENT}/template`;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const WORK_TEXT = "2025年全市新增公办学位1.2万个，义务教育大班额全部消除。";
const CITY_TEXT = "全市基本公共服务均等化各项重点任务按期推进。";
const PROBLEMS_TEXT = "农村学校专任教师结构性短缺仍较突出。";

interface NarrativesDoc {
  editable: boolean;
  sections: { section: string; text: string; version: number; updatedBy: string | null }[];
}

/** A button rendered as a link: the file it points at, fetched in the page's session. */
async function fetchLinked(page: Page, link: Locator) {
  const href = await link.getAttribute("href");
  expect(href, "the download is a plain link").toBeTruthy();
  const reply = await page.request.get(href!);
  return {
    status: reply.status(),
    type: reply.headers()["content-type"] ?? "",
    body: await reply.body(),
  };
}

/** Clicks a download link as a user does; resolves with the file the browser saved. */
async function clickDownload(page: Page, link: Locator) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

async function openDocumentsCard(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const card = page.getByTestId("documents-card");
  await card.waitFor({ state: "visible" });
  return card;
}

/** A template with text typed where a figure belongs: the first unlocked cell of a sheet. */
async function templateWithText(template: Buffer): Promise<{ bytes: Buffer; cell: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== "visible") continue;
    let found: ExcelJS.Cell | null = null;
    sheet.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (!found && cell.protection?.locked === false) found = cell;
      }),
    );
    const cell = found as ExcelJS.Cell | null;
    if (!cell) continue;
    cell.value = "约三百";
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return { bytes, cell: `${sheet.name}!${cell.address}` };
  }
  throw new Error("the template has no unlocked input cell");
}

/** A template with one work criterion's points set to 0 (a real change within bounds). */
async function templateWithWorkZeroed(template: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("工作测评表");
  if (!sheet) throw new Error("the template has no 工作测评表");
  let changed = false;
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (changed || cell.protection?.locked !== false) return;
      if (typeof cell.value === "number" && cell.value > 0) {
        cell.value = 0;
        changed = true;
      }
    }),
  );
  if (!changed) throw new Error("no awarded work criterion in the template");
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("the evaluation documents in the browser", () => {
  it("a clerk writes the report, downloads the tables and report, builds the volume and is told why a template is refused", async () => {
    const clerk = await e2e.browser.newPage();
    await logIn(clerk, "edu-clerk");
    const card = await openDocumentsCard(clerk, "/workspace");
    await screenshot(clerk, "documents-workspace-card");
    expect(await seriousViolations(clerk), "axe on the workspace with the card").toEqual([]);

    // The report's written sections: one saved with its button, one with Ctrl+S.
    await card.getByTestId("write-report").click();
    const drawer = clerk.getByTestId("narratives-drawer");
    await drawer.getByTestId("narrative-text-work").waitFor({ state: "visible" });
    await drawer.getByLabel("工作开展情况").fill(WORK_TEXT);
    expect(await drawer.getByTestId("narrative-status-work").textContent()).toContain("未保存");
    await drawer.getByTestId("narrative-save-work").click();
    await eventually(() => drawer.getByTestId("narrative-status-work").textContent()).toContain(
      "edu-clerk",
    );
    await drawer.getByLabel("存在问题").fill(PROBLEMS_TEXT);
    await clerk.keyboard.press("Control+S");
    await eventually(() => drawer.getByTestId("narrative-status-problems").textContent()).toContain(
      "保存",
    );
    let stored = await apiGet<NarrativesDoc>(clerk, `${DOCS}/${DEPARTMENT}/narratives`);
    expect(stored.sections.find((entry) => entry.section === "work")).toMatchObject({
      text: WORK_TEXT,
      version: 1,
    });
    expect(stored.sections.find((entry) => entry.section === "problems")?.text).toBe(PROBLEMS_TEXT);

    // Someone saves 下一步措施 first: the clerk's save is refused, not overwritten unseen.
    await drawer.getByLabel("下一步措施").fill("继续推进集团化办学。");
    await apiSendOk(clerk, "PUT", `${DOCS}/${DEPARTMENT}/narratives`, {
      section: "next",
      text: "另一位同事先写的下一步措施。",
      version: 0,
    });
    e2e.browser.watch.expectRefusal({ status: 409, path: `${DOCS}/${DEPARTMENT}/narratives` });
    await drawer.getByTestId("narrative-save-next").click();
    const conflict = drawer.getByTestId("narrative-conflict-next");
    await conflict.waitFor({ state: "visible" });
    expect(await conflict.textContent()).toContain("另一位同事先写的下一步措施。");
    expect(await drawer.getByLabel("下一步措施").inputValue()).toBe("继续推进集团化办学。");
    await screenshot(clerk, "documents-narratives");
    expect(await seriousViolations(clerk), "axe with the report drawer open").toEqual([]);
    await drawer.getByTestId("narrative-save-next").click();
    await eventually(async () => {
      stored = await apiGet<NarrativesDoc>(clerk, `${DOCS}/${DEPARTMENT}/narratives`);
      return stored.sections.find((entry) => entry.section === "next")?.text;
    }).toBe("继续推进集团化办学。");
    await clerk.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // The tables and the report: plain links to real files.
    const tables = await fetchLinked(clerk, card.getByTestId("download-tables"));
    expect(tables.status).toBe(200);
    expect(tables.type).toContain(XLSX);
    expect(tables.body.subarray(0, 2).toString("latin1")).toBe("PK");
    const saved = await clickDownload(clerk, card.getByTestId("download-tables"));
    expect(saved.name).toMatch(/\.xlsx$/);
    expect(saved.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const report = await fetchLinked(clerk, card.getByTestId("download-report"));
    expect(report.status).toBe(200);
    expect(report.type).toContain(DOCX);

    // The bound volume: progress while it is built, then 下载 and a PDF.
    await card.getByTestId("job-start-volume").click();
    const running = card.getByTestId("job-running-volume");
    await running.waitFor({ state: "visible" });
    expect(await running.getByRole("progressbar").count()).toBe(1);
    await screenshot(clerk, "documents-volume-progress");
    const download = card.getByTestId("job-download-volume");
    await download.waitFor({ state: "visible", timeout: 120_000 });
    expect(await card.getByTestId("job-done-volume").textContent()).toMatch(/生成，.*(KB|MB)/);
    const volume = await fetchLinked(clerk, download);
    expect(volume.status).toBe(200);
    expect(volume.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await screenshot(clerk, "documents-volume-done");

    // A file that is not a workbook: refused, nothing imported.
    const panel = card.getByTestId("template-panel");
    e2e.browser.watch.expectRefusal({ status: 415, path: TEMPLATE_UPLOAD });
    e2e.browser.watch.expectRefusal({ status: 422, path: TEMPLATE_UPLOAD });
    await panel.getByTestId("template-file").setInputFiles({
      name: "填报模板.xlsx",
      mimeType: XLSX,
      buffer: Buffer.from("这不是 Excel 文件\n", "utf8"),
    });
    const failed = panel.getByTestId("template-failed");
    await failed.waitFor({ state: "visible" });
    expect(await failed.textContent()).toContain("没有导入任何数据");

    // The real template with words in a figure's cell: the error table names the cell.
    const template = await fetchLinked(clerk, panel.getByTestId("template-download"));
    expect(template.status).toBe(200);
    expect(template.type).toContain(XLSX);
    const bad = await templateWithText(template.body);
    await panel.getByTestId("template-file").setInputFiles({
      name: "教育局填报模板.xlsx",
      mimeType: XLSX,
      buffer: bad.bytes,
    });
    const refused = panel.getByTestId("template-refused");
    await refused.waitFor({ state: "visible" });
    expect(await refused.textContent()).toContain("没有导入任何数据");
    const errors = panel.getByTestId("template-errors");
    expect(await errors.locator("thead").textContent()).toMatch(/单元格.*问题/);
    expect(await errors.locator("tbody").textContent()).toContain(bad.cell);
    await screenshot(clerk, "documents-template-errors");
    expect(await seriousViolations(clerk), "axe with the error table").toEqual([]);

    // A correct template: imported, and the workspace shows the new points at once.
    const lossBefore = await clerk.getByTestId("dept-loss").textContent();
    await panel.getByTestId("template-file").setInputFiles({
      name: "教育局填报模板.xlsx",
      mimeType: XLSX,
      buffer: await templateWithWorkZeroed(template.body),
    });
    const imported = panel.getByTestId("template-imported");
    await imported.waitFor({ state: "visible" });
    expect(await imported.textContent()).toContain("已导入 0 个数据、1 项工作测评");
    await eventually(() => clerk.getByTestId("dept-loss").textContent()).not.toBe(lossBefore);
  }, 300_000);

  it("the office writes the city's report, switches to a department and builds the province package", async () => {
    const office = await e2e.browser.newPage();
    await logIn(office, "office");
    const card = await openDocumentsCard(office, "/office");

    // The city's tables, and a section of the city's overall report written in the drawer.
    const tables = await fetchLinked(office, card.getByTestId("download-tables"));
    expect(tables.status).toBe(200);
    expect(tables.type).toContain(XLSX);
    await card.getByTestId("write-report").click();
    const drawer = office.getByTestId("narratives-drawer");
    await drawer.getByLabel("工作开展情况").fill(CITY_TEXT);
    await drawer.getByTestId("narrative-save-work").click();
    await eventually(() => drawer.getByTestId("narrative-status-work").textContent()).toContain(
      "office",
    );
    const city = await apiGet<NarrativesDoc>(office, `${DOCS}/city/narratives`);
    expect(city.sections.find((entry) => entry.section === "work")?.text).toBe(CITY_TEXT);
    await office.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // Any department's documents through the picker; the package is the city's only.
    await card.getByTestId("documents-scope").click();
    await office.keyboard.type(DEPARTMENT_NAME);
    await office.keyboard.press("Enter");
    await eventually(() => card.getByTestId("download-tables").getAttribute("href")).toContain(
      `/documents/${DEPARTMENT}/tables.xlsx`,
    );
    await card.getByTestId("job-start-volume").waitFor({ state: "visible" });
    expect(await card.getByTestId("job-start-package").count()).toBe(0);
    // The office may fill a department's template for it, as the server allows.
    const officeTemplate = await fetchLinked(office, card.getByTestId("template-download"));
    expect(officeTemplate.status).toBe(200);
    expect(officeTemplate.type).toContain(XLSX);
    const report = await fetchLinked(office, card.getByTestId("download-report"));
    expect(report.status).toBe(200);
    expect(report.type).toContain(DOCX);

    // Back to the city: the package, built as a job, is a zip.
    await card.getByTestId("documents-scope").click();
    await office.keyboard.type("全市");
    await office.keyboard.press("Enter");
    const start = card.getByTestId("job-start-package");
    await start.waitFor({ state: "visible" });
    expect(await card.getByTestId("template-panel").count()).toBe(0);
    await start.click();
    const download = card.getByTestId("job-download-package");
    await download.waitFor({ state: "visible", timeout: 240_000 });
    const zip = await fetchLinked(office, download);
    expect(zip.status).toBe(200);
    expect(zip.body.subarray(0, 2).toString("latin1")).toBe("PK");
    await screenshot(office, "documents-office-package");
    expect(await seriousViolations(office), "axe on the overview with the card").toEqual([]);
  }, 300_000);
});
