import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DepartmentTimeliness, TimelinessReport } from "../../src/contract/api";
import { DIALECTS, startHarness, type Harness } from "../support/server-harness";
import { departmentUrl, readyToSubmit, YEAR } from "../support/workflow-helpers";

/**
 * Timeliness and completeness per department, walked through the year with the clock:
 * EDU hands in on time (after filing the evidence its checks ask for), is returned once
 * and hands in again; GOV never hands in and goes missing after the deadline; BIANBAN
 * gets a lock exception and hands in late within it. Then the same rows as CSV and
 * Excel, and who may read them.
 */

/** 14:05 on 9 March, Beijing time: the day before the departments' deadline. */
const ON_TIME = "2026-03-09T06:05:00.000Z";
const RETURNED = "2026-03-09T08:00:00.000Z";
const RESUBMITTED = "2026-03-10T02:00:00.000Z";
/** 10:00 on 11 March, Beijing time: one day after the deadline. */
const DAY_AFTER = "2026-03-11T02:00:00.000Z";
/** 11:00 on 12 March, Beijing time: within BIANBAN's exception until the 13th. */
const WITHIN_EXCEPTION = "2026-03-12T03:00:00.000Z";

const CSV_HEADER =
  "单位,单位代码,报送状态,首次报送时间,是否按时,逾期天数,延期截止日期,退回次数,已完成项数,考评项目数,完成率";

describe.each(DIALECTS)("timeliness and completeness on %s", (dialect) => {
  let harness: Harness;
  /** Signs in afresh: moving the clock by days ends every earlier session. */
  const as = (username: string) => harness.as(username);

  const report = async (username = "office"): Promise<TimelinessReport> => {
    const response = await (await as(username)).get(`${YEAR}/timeliness`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TimelinessReport;
  };
  const rowOf = (doc: TimelinessReport, code: string): DepartmentTimeliness => {
    const row = doc.departments.find((department) => department.code === code);
    expect(row, code).toBeDefined();
    return row!;
  };

  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(() => harness.close());

  it("starts with every department pending, and counts EDU's items complete once its evidence is filed", async () => {
    const before = await report();
    expect(before.due).toBe("2026-03-10");
    expect(before.departments.length).toBeGreaterThan(3);
    expect(new Set(before.departments.map((row) => row.status))).toEqual(new Set(["pending"]));
    const edu = rowOf(before, "EDU").items;
    expect(edu.total).toBeGreaterThan(0);
    expect(edu.complete).toBeLessThan(edu.total);

    await readyToSubmit(await as("edu-clerk"), "EDU");
    const after = rowOf(await report(), "EDU").items;
    expect(after).toEqual({ complete: edu.total, total: edu.total, share: 1 });
  });

  it("takes EDU's hand-in on 9 March as on time, and counts the office's return", async () => {
    harness.clock.set(ON_TIME);
    const ready = await readyToSubmit(await as("edu-clerk"), "EDU");
    const submitted = await (await as("edu-head")).post(`${departmentUrl("EDU")}/submit`, ready);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(rowOf(await report(), "EDU")).toMatchObject({
      state: "submitted",
      firstSubmittedAt: ON_TIME,
      status: "on_time",
      daysLate: null,
      returns: 0,
    });

    harness.clock.set(RETURNED);
    const returned = await (
      await as("office")
    ).post(`${departmentUrl("EDU")}/return`, {
      reasons: [{ item: { kind: "indicator", code: "EDU01" }, reason: "请核对在校人数" }],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(rowOf(await report(), "EDU")).toMatchObject({ state: "returned", returns: 1 });

    harness.clock.set(RESUBMITTED);
    const again = await (
      await as("edu-head")
    ).post(`${departmentUrl("EDU")}/submit`, await readyToSubmit(await as("edu-clerk"), "EDU"));
    expect(again.statusCode, again.body).toBe(200);
    expect(rowOf(await report(), "EDU")).toMatchObject({
      state: "submitted",
      firstSubmittedAt: ON_TIME,
      lastSubmittedAt: RESUBMITTED,
      status: "on_time",
      returns: 1,
    });
  });

  it("calls a department that has not handed in missing once the deadline has passed", async () => {
    harness.clock.set(DAY_AFTER);
    const doc = await report();
    expect(rowOf(doc, "GOV")).toMatchObject({
      state: "draft",
      firstSubmittedAt: null,
      status: "missing",
      daysLate: 1,
      exceptionUntil: null,
    });
    expect(rowOf(doc, "EDU").status).toBe("on_time");
  });

  it("keeps a department with a running exception pending, and its hand-in late by 2 days within it", async () => {
    harness.clock.set(DAY_AFTER);
    const granted = await (
      await as("office")
    ).post(`${YEAR}/lock-exceptions`, {
      department: "BIANBAN",
      until: "2026-03-13",
      reason: "系统故障，延期报送",
    });
    expect(granted.statusCode, granted.body).toBeLessThan(300);
    expect(rowOf(await report(), "BIANBAN")).toMatchObject({
      status: "pending",
      exceptionUntil: "2026-03-13",
    });

    harness.clock.set(WITHIN_EXCEPTION);
    const submitted = await (
      await as("bianban-head")
    ).post(
      `${departmentUrl("BIANBAN")}/submit`,
      await readyToSubmit(await as("bianban-clerk"), "BIANBAN"),
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    const doc = await report();
    expect(rowOf(doc, "BIANBAN")).toMatchObject({
      status: "late",
      daysLate: 2,
      withinException: true,
      exceptionUntil: "2026-03-13",
      firstSubmittedAt: WITHIN_EXCEPTION,
    });
    expect(rowOf(doc, "GOV")).toMatchObject({ status: "missing", daysLate: 2 });
  });

  it("downloads the rows as CSV: BOM, CRLF, Chinese headers, Beijing times, an attachment", async () => {
    const response = await (await as("office")).get(`${YEAR}/timeliness.csv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="timeliness-2025.csv"; filename*=UTF-8''` +
        encodeURIComponent("2025年度报送及时性和完整性.csv"),
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
    expect(lines[0]).toBe(CSV_HEADER);
    const doc = await report();
    expect(lines).toHaveLength(doc.departments.length + 1);
    const edu = rowOf(doc, "EDU");
    expect(lines).toContain(
      `市教育局,EDU,已报送,2026-03-09 14:05,按时,,,1,${edu.items.complete},${edu.items.total},100.0%`,
    );
    const counts = (code: string) => {
      const { complete, total } = rowOf(doc, code).items;
      return `${complete},${total},${((complete / total) * 100).toFixed(1)}%`;
    };
    expect(lines).toContain(
      `市编办,BIANBAN,已报送,2026-03-12 11:00,逾期（在延期内）,2,2026-03-13,0,${counts("BIANBAN")}`,
    );
    expect(lines).toContain(`市政府办公室,GOV,草稿,,未报送（已逾期）,2,,0,${counts("GOV")}`);
  });

  it("downloads the rows as an Excel workbook that reads back as written", async () => {
    const response = await (await as("office")).get(`${YEAR}/timeliness.xlsx`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("2025年度报送及时性和完整性.xlsx")}`,
    );
    expect(response.headers["content-disposition"]).toContain('filename="timeliness-2025.xlsx"');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("报送及时性");
    expect(sheet).toBeDefined();
    expect(sheet!.getCell("A1").value).toBe("2025 年度各单位报送及时性和完整性");
    expect(sheet!.getCell("A1").font?.bold).toBe(true);
    const header = sheet!.getRow(2);
    expect((header.values as unknown[]).slice(1)).toEqual(CSV_HEADER.split(","));
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet!.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet!.getColumn(1).width).toBeGreaterThan(10);

    const doc = await report();
    const eduIndex = doc.departments.findIndex((row) => row.code === "EDU");
    const edu = sheet!.getRow(eduIndex + 3);
    expect(edu.getCell(1).value).toBe("市教育局");
    expect(edu.getCell(3).value).toBe("已报送");
    // Excel dates carry no zone: the cell holds 14:05 as a reader in Beijing expects.
    expect(edu.getCell(4).value).toEqual(new Date("2026-03-09T14:05:00.000Z"));
    expect(edu.getCell(4).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(edu.getCell(5).value).toBe("按时");
    expect(edu.getCell(8).value).toBe(1);
    expect(edu.getCell(11).value).toBe(1);
    expect(edu.getCell(11).numFmt).toBe("0.0%");
    const bianban = sheet!.getRow(doc.departments.findIndex((row) => row.code === "BIANBAN") + 3);
    expect(bianban.getCell(6).value).toBe(2);
    expect(bianban.getCell(4).value).toEqual(new Date("2026-03-12T11:00:00.000Z"));
    expect(bianban.getCell(7).value).toBe("2026-03-13");
    const gov = sheet!.getRow(doc.departments.findIndex((row) => row.code === "GOV") + 3);
    // Nothing submitted: the cell stays empty rather than holding a made-up date.
    expect(gov.getCell(4).value).toBeNull();
    expect(gov.getCell(11).value).toBe(rowOf(doc, "GOV").items.share);
  });

  it.each(["office", "leader", "auditor", "admin"])(
    "%s reads every department, in every format",
    async (username) => {
      const client = await as(username);
      const doc = await report(username);
      expect(doc.departments.length).toBeGreaterThan(3);
      const csv = await client.get(`${YEAR}/timeliness.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body.trimEnd().split("\r\n")).toHaveLength(doc.departments.length + 1);
      expect((await client.get(`${YEAR}/timeliness.xlsx`)).statusCode).toBe(200);
    },
  );

  it.each([
    ["edu-clerk", "EDU"],
    ["gov-head", "GOV"],
  ])("%s reads only its own department's row, in every format", async (username, code) => {
    const client = await as(username);
    const doc = await report(username);
    expect(doc.departments.map((row) => row.code)).toEqual([code]);
    const csv = await client.get(`${YEAR}/timeliness.csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split(",")[1]).toBe(code);
    const xlsx = await client.get(`${YEAR}/timeliness.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("报送及时性")!;
    expect(sheet.getRow(3).getCell(2).value).toBe(code);
    expect(sheet.getRow(4).getCell(2).value ?? null).toBeNull();
  });

  it.each(["", ".csv", ".xlsx"])("refuses timeliness%s without a session", async (suffix) => {
    const response = await harness.app.inject({
      method: "GET",
      url: `${YEAR}/timeliness${suffix}`,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe("unauthenticated");
  });

  it("answers 404 for a year that does not exist", async () => {
    const response = await (await as("office")).get("/api/cycles/2031/timeliness.csv");
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe("not_found");
  });
});
