import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DepartmentItems } from "../../src/contract/api";
import {
  TEMPLATE_UPLOAD_LIMIT_BYTES,
  type TemplateImportResult,
  type TemplateRefusal,
} from "../../src/contract/template-import";
import { loadCycle } from "../../src/server/cycles/load-cycle";
import { gatherDocumentSources } from "../../src/server/documents/document-sources";
import { buildTablesWorkbook } from "../../src/server/documents/xlsx/tables-workbook";
import {
  departmentTemplateCells,
  stampForDownload,
} from "../../src/server/documents/xlsx-import/stamp-versions";
import {
  signStamp,
  STAMP_KEY_PURPOSE,
} from "../../src/server/documents/xlsx-import/template-stamp";
import { convertWithLibreOffice } from "../support/libreoffice";
import { buildZip } from "../support/zip-builder";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

const YEAR = 2025;

/** multipart/form-data with one file part, as a browser's file picker sends it. */
function multipartFile(content: Buffer, fileName = "指标考评表-填报.xlsx") {
  const boundary = "----kaopingtemplate";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\n` +
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n",
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)("importing a filled Excel template on %s", (dialect) => {
  let harness: Harness;
  let clerk: Client;

  beforeAll(async () => {
    harness = await startHarness(dialect);
    clerk = await harness.as("edu-clerk");
  });
  afterAll(() => harness.close());

  /** What GET …/template.xlsx gives: the tables as a template, stamped with today's versions. */
  async function downloadTemplate(department: string): Promise<Buffer> {
    const { deps } = harness;
    const loaded = await loadCycle(deps, YEAR);
    const name = loaded.framework.doc.departments.find((entry) => entry.code === department)!.name;
    // The versions are read before the figures: a save in between then shows as a
    // conflict on upload, never as a figure silently taken back.
    const stamp = await stampForDownload(
      deps.repos,
      loaded,
      department,
      deps.clock.now().toISOString(),
    );
    const sources = await gatherDocumentSources(deps, {
      loaded,
      department: { code: department, name },
    });
    return buildTablesWorkbook({
      framework: loaded.framework,
      dataset: sources.dataset,
      score: sources.score,
      city: sources.city,
      department: { code: department, name },
      illustrative: sources.illustrative,
      date: sources.date,
      template: { stampText: signStamp(deps.secrets.derive(STAMP_KEY_PURPOSE), stamp) },
    });
  }

  /** The template with cells set as a clerk would in Excel ("指标考评表!F5" → value). */
  async function fill(template: Buffer, cells: Record<string, ExcelJS.CellValue>) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as never);
    for (const [label, value] of Object.entries(cells)) {
      const [sheet, address] = label.split("!") as [string, string];
      workbook.getWorksheet(sheet)!.getCell(address).value = value;
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  const upload = (client: Client, bytes: Buffer, department = "EDU") =>
    client.request({
      method: "POST",
      url: `/api/cycles/${YEAR}/departments/${department}/template`,
      ...multipartFile(bytes),
    });

  async function cellsOf(department: string) {
    return departmentTemplateCells(await loadCycle(harness.deps, YEAR), department);
  }

  /** A figure as the clerk's table shows it. */
  async function storedValue(element: string, region: string) {
    const items = (await clerk.get(`/api/cycles/${YEAR}/items`)).json() as DepartmentItems;
    for (const indicator of items.indicators) {
      const found = indicator.elements.find((candidate) => candidate.code === element);
      if (found) return found.values[region];
    }
    throw new Error(`${element} is not in the clerk's table`);
  }

  async function auditRows(action: string) {
    return harness.db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", action)
      .orderBy("seq")
      .execute();
  }

  it("round trip: fill the template offline, upload it, the figures are saved and audited", async () => {
    const cells = await cellsOf("EDU");
    const value = cells.find(
      (cell) =>
        cell.target.kind === "value" &&
        cell.target.element === "PRIMARY_AGE_POP" &&
        cell.target.region === "HC",
    )!;
    const work = cells.find((cell) => cell.target.kind === "work")!;
    const before = await storedValue("PRIMARY_AGE_POP", "HC");
    const bytes = await fill(await downloadTemplate("EDU"), {
      [`${value.sheet}!${value.address}`]: 132_600,
      [`${work.sheet}!${work.address}`]: 1.5,
    });

    const response = await upload(clerk, bytes);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as TemplateImportResult;
    expect(result).toMatchObject({ changedValues: 1, changedWork: 1 });
    expect(result.unchanged).toBeGreaterThan(50);
    expect(result.fileSha256).toMatch(/^[0-9a-f]{64}$/);

    expect(await storedValue("PRIMARY_AGE_POP", "HC")).toMatchObject({
      value: 132_600,
      version: before!.version + 1,
      updatedBy: "edu-clerk",
    });
    const items = (await clerk.get(`/api/cycles/${YEAR}/items`)).json() as DepartmentItems;
    const target = work.target as { item: string; criterion: string };
    const answer = items.workItems.find((item) => item.code === target.item)!.answer!;
    expect(answer.awarded[target.criterion]).toBe(1.5);

    const audits = await auditRows("template.import");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "edu-clerk", object_id: `${YEAR}/EDU` });
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({
      changedValues: 1,
      changedWork: 1,
      fileSha256: result.fileSha256,
      values: [{ element: "PRIMARY_AGE_POP", region: "HC", after: 132_600 }],
    });
    const verify = await (await harness.as("office")).get("/api/audit/verify");
    expect(verify.json()).toMatchObject({ intact: true, failureCount: 0 });
  });

  it("imports a template saved again by LibreOffice, untouched, as changing nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kaoping-template-"));
    try {
      await writeFile(join(dir, "template.xlsx"), await downloadTemplate("EDU"));
      const resaved = await convertWithLibreOffice(
        join(dir, "template.xlsx"),
        "xlsx",
        join(dir, "out"),
      );
      const response = await upload(clerk, await readFile(resaved));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ changedValues: 0, changedWork: 0 });
      expect((response.json() as TemplateImportResult).unchanged).toBeGreaterThan(50);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file with bad cells whole: nothing changes, every cell is named", async () => {
    const before = await storedValue("PRIMARY_AGE_POP", "HY");
    const audits = (await auditRows("template.import")).length;
    const bytes = await fill(await downloadTemplate("EDU"), {
      "指标考评表!G5": 90_000, // valid, but must not be written either
      "指标考评表!H5": "约十万",
      "指标考评表!I5": { formula: "F5*2", result: 1 } as ExcelJS.CellFormulaValue,
      "指标考评表!J5": -3,
    });
    const response = await upload(clerk, bytes);
    expect(response.statusCode).toBe(422);
    const refusal = response.json() as TemplateRefusal;
    expect(refusal.cells?.map((cell) => cell.message)).toEqual([
      "指标考评表!H5：不是数字",
      "指标考评表!I5：是公式，请填写数值",
      "指标考评表!J5：数值 -3 小于下限 0",
    ]);
    expect(refusal.message).toContain("整个文件未导入");
    expect(await storedValue("PRIMARY_AGE_POP", "HY")).toEqual(before);
    expect(await auditRows("template.import")).toHaveLength(audits);
  });

  it("reports a figure changed online after the download as a conflict and writes nothing", async () => {
    const template = await downloadTemplate("EDU");
    const online = await storedValue("PRIMARY_AGE_POP", "BL");
    const saved = await clerk.put(`/api/cycles/${YEAR}/values/PRIMARY_AGE_POP/BL`, {
      value: 100_900,
      version: online!.version,
    });
    expect(saved.statusCode).toBe(200);
    const untouched = await storedValue("PRIMARY_AGE_POP", "LM");
    const bytes = await fill(template, { "指标考评表!H5": 100_950, "指标考评表!J5": 28_500 });

    const response = await upload(clerk, bytes);
    expect(response.statusCode).toBe(409);
    expect((response.json() as TemplateRefusal).conflicts).toEqual([
      { cell: "指标考评表!H5", stored: 100_900, file: 100_950 },
    ]);
    expect((await storedValue("PRIMARY_AGE_POP", "BL"))!.value).toBe(100_900);
    expect(await storedValue("PRIMARY_AGE_POP", "LM")).toEqual(untouched);
  });

  it("refuses another department's template: 403 for its address, 422 under one's own", async () => {
    const health = await downloadTemplate("HEALTH");
    const elsewhere = await upload(clerk, health, "HEALTH");
    expect(elsewhere.statusCode).toBe(403);
    const mine = await upload(clerk, health, "EDU");
    expect(mine.statusCode).toBe(422);
    expect(mine.json().message).toBe("这是单位 HEALTH 的模板，不能导入单位 EDU");
  });

  it("refuses a file that is not a workbook (415) and a tampered stamp (422)", async () => {
    const text = await upload(clerk, Buffer.from("PRIMARY_AGE_POP,HC,1\n"));
    expect(text.statusCode).toBe(415);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadTemplate("EDU")) as never);
    const stamp = workbook.getWorksheet("_kaoping")!.getCell("A1");
    // Claims the year a template was issued for is another: the HMAC no longer matches.
    const edited = String(stamp.value).replace('"year":2025', '"year":2024');
    expect(edited).not.toBe(String(stamp.value));
    stamp.value = edited;
    const tampered = await upload(clerk, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json().message).toContain("模板标记校验失败");
  });

  it("refuses a file over 5 MB (413) and a zip bomb (422) before reading any cell", async () => {
    const big = await upload(clerk, Buffer.alloc(TEMPLATE_UPLOAD_LIMIT_BYTES + 1, 0x50));
    expect(big.statusCode).toBe(413);
    const bomb = buildZip([
      { name: "[Content_Types].xml", content: "<Types/>" },
      { name: "xl/workbook.xml", content: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", content: Buffer.alloc(12 << 20, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const refused = await upload(clerk, bomb);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: "invalid", cells: [], conflicts: [] });
    expect(refused.json().message).toContain("压缩炸弹");
  });

  it("lets the office import for a department, and answers 423 once the hand-in is locked", async () => {
    const office = await harness.as("office");
    const bytes = await fill(await downloadTemplate("EDU"), { "指标考评表!J5": 28_400 });
    const done = await upload(office, bytes);
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as TemplateImportResult).changedValues).toBe(1);

    const next = await fill(await downloadTemplate("EDU"), { "指标考评表!J5": 28_410 });
    const cycle = `/api/cycles/${YEAR}`;
    const due = (await office.get(cycle)).json().departmentsDue as string;
    // The departments' deadline moved before today: their figures are locked.
    const moved = await office.request({
      method: "PATCH",
      url: cycle,
      payload: { departmentsDue: "2026-02-01" },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    try {
      const locked = await upload(clerk, next);
      expect(locked.statusCode, locked.body).toBe(423);
      expect(await storedValue("PRIMARY_AGE_POP", "LM")).toMatchObject({ value: 28_400 });
    } finally {
      await office.request({ method: "PATCH", url: cycle, payload: { departmentsDue: due } });
    }
  });
});
