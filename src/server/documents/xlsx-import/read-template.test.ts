import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  STAMP_KEY,
  bareTemplate,
  demoCells,
  demoYear,
  labelOf,
  stampFor,
} from "../../../../test/support/xlsx-fixtures";
import { readTemplate, MAX_LISTED_ERRORS, type TemplateReading } from "./read-template";
import { TEMPLATE_LIMITS } from "./template-limits";
import { signStamp } from "./template-stamp";

const { framework } = demoYear();
const cells = demoCells("EDU");
const valueCells = cells.filter((cell) => cell.target.kind === "value");
const workCells = cells.filter((cell) => cell.target.kind === "work");
const first = valueCells[0]!; // PRIMARY_AGE_POP / HC, min 0
const firstWork = workCells[0]!; // a criterion worth 3 points

const read = (
  bytes: Uint8Array,
  expect: { year?: number; department?: string; maxErrors?: number } = {},
) =>
  readTemplate({
    ...(expect.maxErrors === undefined ? {} : { maxErrors: expect.maxErrors }),
    bytes,
    cells,
    framework,
    stampKey: STAMP_KEY,
    year: expect.year ?? 2025,
    department: expect.department ?? "EDU",
    limits: TEMPLATE_LIMITS,
  });

const filledWith = (entries: [string, ExcelJS.CellValue][]) =>
  bareTemplate({ cells, fill: new Map(entries) });

function cellErrors(reading: TemplateReading): string[] {
  if (reading.ok || reading.kind !== "cells")
    throw new Error(`not refused by cell: ${JSON.stringify(reading)}`);
  return reading.errors.map((error) => error.message.zh);
}

describe("reading a filled template", () => {
  it("takes numbers and numeric text, and leaves empty cells out", async () => {
    const reading = await read(
      await filledWith([
        [labelOf(first), 132_000],
        [labelOf(valueCells[1]!), "85,774"],
        [labelOf(valueCells[2]!), "１００６３０．５"],
        [labelOf(valueCells[3]!), { richText: [{ text: "9" }, { text: "5460" }] }],
        [labelOf(firstWork), 2.5],
      ]),
    );
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.filled.map((cell) => [cell.label, cell.value])).toEqual([
      [labelOf(first), 132_000],
      [labelOf(valueCells[1]!), 85_774],
      [labelOf(valueCells[2]!), 100_630.5],
      [labelOf(valueCells[3]!), 95_460],
      [labelOf(firstWork), 2.5],
    ]);
    expect(reading.stamp.department).toBe("EDU");
  });

  it.each<[string, ExcelJS.CellValue, string]>([
    ["text", "约十三万", "不是数字"],
    ["a decimal comma", "1,2", "不是数字"],
    ["a percentage", "95%", "不是数字"],
    ["a date", new Date("2025-01-01T00:00:00Z"), "不是数字"],
    ["a boolean", true, "不是数字"],
    ["an error value", { error: "#N/A" } as ExcelJS.CellErrorValue, "不是数字"],
    ["a formula", { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue, "是公式，请填写数值"],
    ["a number below the element's minimum", -5, "数值 -5 小于下限 0"],
  ])("refuses %s, naming the sheet and cell", async (_what, value, message) => {
    const errors = cellErrors(await read(await filledWith([[labelOf(first), value]])));
    expect(errors).toEqual([`${labelOf(first)}：${message}`]);
    expect(labelOf(first)).toBe("指标考评表!F5");
  });

  it("refuses negative points and points over the criterion's maximum", async () => {
    const errors = cellErrors(
      await read(
        await filledWith([
          [labelOf(firstWork), -1],
          [labelOf(workCells[1]!), 3.5],
        ]),
      ),
    );
    expect(errors).toEqual([
      `${labelOf(firstWork)}：得分 -1 不能为负数`,
      `${labelOf(workCells[1]!)}：得分 3.5 超过该评分细则的满分 3`,
    ]);
  });

  it("lists every refused cell, up to the limit, and counts the rest", async () => {
    const bytes = await filledWith(cells.map((cell) => [labelOf(cell), "x"]));
    const all = await read(bytes);
    if (all.ok || all.kind !== "cells") throw new Error("expected cell errors");
    expect(cells.length).toBeLessThan(MAX_LISTED_ERRORS);
    expect(all.errors).toHaveLength(cells.length);
    const capped = await read(bytes, { maxErrors: 10 });
    if (capped.ok || capped.kind !== "cells") throw new Error("expected cell errors");
    expect(capped.errors).toHaveLength(10);
    expect(capped.more).toBe(cells.length - 10);
  });

  it("refuses a sheet that is missing", async () => {
    const bytes = await bareTemplate({ cells, omitSheets: ["工作测评表"] });
    expect(cellErrors(await read(bytes))).toEqual(["工作测评表：文件中没有这张工作表"]);
  });

  it("refuses a stamp that was edited after signing", async () => {
    const text = signStamp(STAMP_KEY, stampFor(cells)).replace('"year":2025', '"year":2024');
    const reading = await read(await bareTemplate({ cells, stampText: text }));
    expect(reading).toMatchObject({ ok: false, kind: "stamp" });
    if (!reading.ok && reading.kind === "stamp") expect(reading.problem.zh).toContain("校验失败");
  });

  it("refuses a stamp signed with another key, and a file without one", async () => {
    const foreign = signStamp(Buffer.alloc(32, 9), stampFor(cells));
    expect(await read(await bareTemplate({ cells, stampText: foreign }))).toMatchObject({
      ok: false,
      kind: "stamp",
    });
    expect(await read(await bareTemplate({ cells, stampText: "" }))).toMatchObject({
      ok: false,
      kind: "stamp",
    });
  });

  it("refuses another department's or another year's template", async () => {
    const bytes = await filledWith([[labelOf(first), 1]]);
    const department = await read(bytes, { department: "HEALTH" });
    expect(department).toMatchObject({ ok: false, kind: "stamp" });
    if (!department.ok && department.kind === "stamp") {
      expect(department.problem.zh).toBe("这是单位 EDU 的模板，不能导入单位 HEALTH");
    }
    const year = await read(bytes, { year: 2026 });
    if (!year.ok && year.kind === "stamp") {
      expect(year.problem.zh).toBe("这是 2025 年度的模板，不能导入 2026 年度");
    } else throw new Error("expected a year mismatch");
  });
});
