import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  loadData,
  loadDataText,
  loadFramework,
  loadFrameworkText,
  scoreYear,
  type Dataset,
  type Framework,
  type ScoreResult,
} from "../../src/core";
import { NOT_COMPUTABLE } from "../../src/core/documents/excel-formula";
import { demoFiles } from "../../src/platform/package-files";
import {
  INDICATOR_COLUMNS,
  indicatorSheetLayout,
  type IndicatorSheetLayout,
} from "../../src/server/documents/xlsx/indicator-sheet-layout";
import { buildTablesWorkbook } from "../../src/server/documents/xlsx/tables-workbook";
import {
  INDICATOR_SHEET,
  STAMP_SHEET,
  SUMMARY_SHEET,
  WORK_SHEET,
  templateInputCells,
} from "../../src/server/documents/xlsx/template-layout";
import { WORK_COLUMNS, workSheetLayout } from "../../src/server/documents/xlsx/work-sheet-layout";
import { yearArbitrary } from "../support/arbitraries";
import { buildYear, indicator, workItem } from "../support/factories";
import { convertWithLibreOffice } from "../support/libreoffice";
import { pageCount, pageSize, pageText, savePagePng } from "../support/poppler";

/*
 * The tables' figures are live formulas. These tests let LibreOffice recalculate the
 * workbook from scratch and compare every figure it gets with the scorer's: the formulas
 * must compute the spec, not merely look like it.
 */

const DATE = "2026-03-08";
const STAMP = "kaoping-template:2025:EDU:v1:0123456789abcdef";

interface Year {
  framework: Framework;
  dataset: Dataset;
  score: ScoreResult;
}

function demoYear(): Year {
  const files = demoFiles();
  const { framework } = loadFrameworkText(readFileSync(files.framework, "utf8"), files.framework);
  const dataset = loadDataText(readFileSync(files.data, "utf8"), files.data, framework);
  return { framework, dataset, score: scoreYear(framework, dataset) };
}

/**
 * A year built to reach every branch of the formulas: a missing input, a division by
 * zero, every rule type (bands out of order, a falling linear rule), a city entry
 * that overrides the regions' sum, popmean and cv with a region lacking its population,
 * a formula that exercises precedence, unary minus and the functions.
 */
function edgeYear(): Year {
  const { framework, dataset } = buildYear(
    {
      parts: [
        { code: "IND", name: "指标考评", weight: 6, kind: "indicators" },
        { code: "WORK", name: "工作测评", weight: 3, kind: "work" },
        { code: "SAT", name: "群众满意度", weight: 1, kind: "satisfaction", scale: 100 },
      ],
      dataElements: [
        { code: "A", name: "甲数", aggregation: "sum" },
        { code: "B", name: "乙数", aggregation: "sum" },
        { code: "Q", name: "未报数", aggregation: "sum" },
        { code: "Z", name: "零数", aggregation: "sum" },
        { code: "C", name: "全市直报数", aggregation: "sum" },
        { code: "M", name: "平均数", aggregation: "mean" },
        { code: "P", name: "人口加权数（缺人口）", aggregation: "popmean" },
        { code: "P2", name: "人口加权数", aggregation: "popmean" },
        { code: "Y", name: "除数", aggregation: "sum" },
        { code: "S", name: "仅一地有数", aggregation: "sum" },
      ],
      indicators: [
        indicator({ code: "MISS", formula: "A / Q", rule: { type: "ratio", target: 1 } }),
        indicator({ code: "DIV", formula: "A / Z", weight: 2, rule: { type: "ratio", target: 1 } }),
        indicator({
          code: "BANDS",
          formula: "A / 5",
          rule: {
            type: "bands",
            bands: [
              { min: 0, r: 0.2 },
              { min: 120, r: 1 },
              { min: 50, r: 0.6 },
            ],
          },
        }),
        indicator({
          code: "LINEAR",
          formula: "B",
          department: "D2",
          rule: { type: "linear", from: 100, to: 20 },
        }),
        indicator({ code: "ATLEAST", formula: "M", rule: { type: "atLeast", target: 20 } }),
        indicator({
          code: "ATMOST",
          formula: "M",
          department: "D2",
          rule: { type: "atMost", target: 20 },
        }),
        indicator({
          code: "INVERSE",
          formula: "P",
          weight: 3,
          rule: { type: "inverse", target: 25 },
        }),
        indicator({ code: "POPMEAN", formula: "P2", rule: { type: "ratio", target: 40 } }),
        indicator({ code: "CITY", formula: "C / 10", rule: { type: "ratio", target: 100 } }),
        indicator({
          code: "SHAPE",
          formula: "-(A - B) * 2 + min(A, B, 3) - abs(M - 100) / (1 + 1) - (A - (B - 7)) + 1.5e2",
          department: "D2",
          rule: { type: "linear", from: -500, to: 500 },
        }),
        // R2 divides by zero and is left out; R3 has no population: shares 1/n.
        indicator({
          code: "CV_N",
          formula: "A / Y",
          weight: 2,
          rule: { type: "cv", target: 0.1, max: 0.9 },
        }),
        indicator({
          code: "CV_POP",
          formula: "B",
          department: "D2",
          rule: { type: "cv", target: 0.05, max: 0.5 },
        }),
        indicator({ code: "CV_FEW", formula: "S", rule: { type: "cv", target: 0.05, max: 0.5 } }),
      ],
      workItems: [
        workItem({ code: "W1" }),
        workItem({
          code: "W2",
          department: "D2",
          points: 5,
          criteria: [
            { code: "C1", text: "第一条", points: 2.5 },
            { code: "C2", text: "第二条", points: 2.5 },
          ],
        }),
        workItem({
          code: "W3",
          points: 4,
          criteria: [{ code: "C1", text: "唯一一条", points: 4 }],
        }),
      ],
    },
    {
      regions: [
        { code: "R1", name: "甲区", population: 100, group: "urban" },
        { code: "R2", name: "乙县", population: 300, group: "rural" },
        { code: "R3", name: "丙县" },
      ],
      values: {
        A: { R1: 120, R2: 170.5, R3: 90 },
        B: { R1: 40, R2: 61 },
        Z: { R1: 0, R2: 0 },
        C: { R1: 1, R2: 2, city: 955 },
        M: { R1: 19, R2: 21.5, R3: 30 },
        P: { R1: 20, R2: 28, R3: 35 },
        P2: { R1: 30, R2: 38.2 },
        Y: { R1: 2, R2: 0, R3: 4 },
        S: { R1: 5 },
      },
      work: { W1: { C1: 5.5, C2: 3 }, W3: { C1: 0 } },
      satisfaction: 87.25,
    },
  );
  return { framework, dataset, score: scoreYear(framework, dataset) };
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "kaoping-xlsx-"));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

type Department = { code: string; name: string } | null;

async function buildFor(year: Year, department: Department, template?: string): Promise<Buffer> {
  return buildTablesWorkbook({
    ...year,
    city: "惠州市",
    department,
    illustrative: true,
    date: DATE,
    ...(template ? { template: { stampText: template } } : {}),
  });
}

async function readWorkbook(bytes: Buffer | string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (typeof bytes === "string") await workbook.xlsx.readFile(bytes);
  else await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The workbook as LibreOffice recalculated it from its formulas alone. */
async function recalculated(bytes: Buffer, name: string): Promise<ExcelJS.Workbook> {
  const input = join(directory, `${name}.xlsx`);
  await writeFile(input, bytes);
  const output = await convertWithLibreOffice(
    input,
    "xlsx",
    join(directory, `${name}-recalculated`),
  );
  return readWorkbook(output);
}

/** What a recalculated cell holds: a number, a text, or undefined for the empty text "". */
function resultOf(sheet: ExcelJS.Worksheet, address: string): unknown {
  const cell = sheet.getCell(address);
  expect(cell.formula, `${sheet.name}!${address} is a formula`).toBeTruthy();
  return cell.result;
}

function expectClose(actual: unknown, expected: number, where: string): void {
  expect(typeof actual, `${where}: ${String(actual)} is a number`).toBe("number");
  const difference = Math.abs((actual as number) - expected);
  // LibreOffice stores results with 15 significant digits; a formula that computes
  // anything else is wrong by far more than this.
  expect(difference, `${where}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.abs(expected) + 1e-12,
  );
}

function address(row: number, column: number): string {
  return `${ExcelColumn(column)}${row}`;
}

function ExcelColumn(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** Every indicator of the sheet: its value, ratio and (cv) region values against the scorer's. */
function compareIndicators(
  sheet: ExcelJS.Worksheet,
  layout: IndicatorSheetLayout,
  score: ScoreResult,
): number {
  let compared = 0;
  for (const group of layout.groups) {
    for (const { indicator: shown, row } of group.rows) {
      const expected = score.indicators.find((result) => result.code === shown.code)!;
      const where = `${shown.code} (${expected.status})`;
      const value = resultOf(sheet, address(row, INDICATOR_COLUMNS.value));
      if (expected.status === "ok") expectClose(value, expected.value!, `${where} value`);
      else if (expected.status === "missing") expect(value, `${where} value`).toBeUndefined();
      else expect(value, `${where} value`).toBe(NOT_COMPUTABLE);
      expectClose(
        resultOf(sheet, address(row, INDICATOR_COLUMNS.ratio)),
        expected.ratio,
        `${where} ratio`,
      );
      if (shown.rule.type === "cv") {
        layout.regions.forEach((region, index) => {
          const regional = resultOf(sheet, address(row, layout.indicatorRegionColumn(index)));
          const own = expected.regions[region.code];
          if (own === undefined) expect(regional, `${where} ${region.code}`).toBeUndefined();
          else expectClose(regional, own, `${where} ${region.code}`);
        });
      }
      compared++;
    }
    const members = group.rows.map(({ indicator: shown }) => shown);
    const weights = members.reduce((sum, shown) => sum + shown.weight, 0);
    const got = members.reduce(
      (sum, shown) =>
        sum + shown.weight * score.indicators.find((result) => result.code === shown.code)!.ratio,
      0,
    );
    expectClose(
      resultOf(sheet, address(group.subtotalRow, INDICATOR_COLUMNS.ratio)),
      got / weights,
      `${group.part.code} subtotal`,
    );
  }
  return compared;
}

function compareWork(sheet: ExcelJS.Worksheet, year: Year, department: string | null): number {
  let compared = 0;
  for (const group of workSheetLayout(year.framework, department).groups) {
    for (const { item, row } of group.items) {
      const expected = year.score.workItems.find((result) => result.code === item.code)!;
      expectClose(
        resultOf(sheet, address(row, WORK_COLUMNS.itemEarned)),
        expected.earned,
        item.code,
      );
      compared++;
    }
  }
  return compared;
}

/** The city's summary: each part's score, the composite (exact to four decimals), grade, target. */
function compareSummary(sheet: ExcelJS.Worksheet, score: ScoreResult): void {
  const labelRow = (label: string) => {
    let found = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(3).value === label) found = number;
    });
    expect(found, label).toBeGreaterThan(0);
    return found;
  };
  for (const part of score.parts) {
    let row = 0;
    sheet.eachRow((cells, number) => {
      if (cells.getCell(2).value === part.code) row = number;
    });
    expectClose(resultOf(sheet, `F${row}`), part.score, `part ${part.code}`);
  }
  expectClose(
    resultOf(sheet, `F${labelRow("综合得分（未取整）")}`),
    score.scoreExact,
    "scoreExact",
  );
  expect(resultOf(sheet, `F${labelRow("综合得分")}`)).toBe(score.score);
  expect(resultOf(sheet, `F${labelRow("等级")}`) ?? null).toBe(score.grade);
  expect(resultOf(sheet, `F${labelRow("是否达到目标")}`)).toBe(score.meetsTarget ? "是" : "否");
}

describe.each([
  ["the demo year", demoYear, { code: "EDU", name: "市教育局" }],
  ["the edge-case year", edgeYear, { code: "D1", name: "教育局" }],
])("LibreOffice recalculating %s gets the scorer's figures", (name, makeYear, department) => {
  const year = makeYear();

  it("in the city's workbook: every indicator, work item, part, the total and the grade", async () => {
    const workbook = await recalculated(await buildFor(year, null), `${name}-city`);
    const layout = indicatorSheetLayout(year.framework, year.dataset.regions, null);
    const indicators = compareIndicators(
      workbook.getWorksheet(INDICATOR_SHEET)!,
      layout,
      year.score,
    );
    expect(indicators).toBe(year.framework.indicators.length);
    const items = compareWork(workbook.getWorksheet(WORK_SHEET)!, year, null);
    expect(items).toBe(year.framework.workItems.length);
    compareSummary(workbook.getWorksheet(SUMMARY_SHEET)!, year.score);
  });

  it(`in ${department.name}'s workbook: its indicators, work items and subtotals`, async () => {
    const workbook = await recalculated(await buildFor(year, department), `${name}-department`);
    const layout = indicatorSheetLayout(year.framework, year.dataset.regions, department.code);
    const indicators = compareIndicators(
      workbook.getWorksheet(INDICATOR_SHEET)!,
      layout,
      year.score,
    );
    expect(indicators).toBe(
      year.framework.indicators.filter((shown) => shown.department === department.code).length,
    );
    expect(indicators).toBeGreaterThan(0);
    compareWork(workbook.getWorksheet(WORK_SHEET)!, year, department.code);
    expect(workbook.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
  });
});

describe("LibreOffice agrees with the scorer on random years", () => {
  // A fixed seed: the same years on every run, wide enough to mix every rule, gaps,
  // city entries, missing populations and unanswered work.
  const years = fc
    .sample(yearArbitrary, { numRuns: 6, seed: 20251208 })
    .map(({ framework, data }) => {
      const loaded = loadFramework(framework, "framework.yaml").framework;
      const dataset = loadData(data, "data.yaml", loaded);
      return { framework: loaded, dataset, score: scoreYear(loaded, dataset) };
    });

  it.each(years.map((year, index) => [index + 1, year] as const))(
    "random year %i: every indicator, part and the total",
    async (index, year) => {
      const workbook = await recalculated(await buildFor(year, null), `random-${index}`);
      const layout = indicatorSheetLayout(year.framework, year.dataset.regions, null);
      compareIndicators(workbook.getWorksheet(INDICATOR_SHEET)!, layout, year.score);
      compareWork(workbook.getWorksheet(WORK_SHEET)!, year, null);
      compareSummary(workbook.getWorksheet(SUMMARY_SHEET)!, year.score);
    },
  );
});

describe("a year without regions", () => {
  it("takes its city figures from the 全市 column alone, and LibreOffice agrees", async () => {
    const { framework, dataset } = buildYear(
      {
        parts: [
          { code: "IND", name: "指标考评", weight: 2, kind: "indicators" },
          { code: "WORK", name: "工作测评", weight: 1, kind: "work" },
        ],
        workItems: [workItem()],
      },
      { regions: [], values: { A: { city: 50 } }, work: { W1: { C1: 6 } } },
    );
    const year = { framework, dataset, score: scoreYear(framework, dataset) };
    const workbook = await recalculated(await buildFor(year, null), "no-regions");
    const layout = indicatorSheetLayout(framework, dataset.regions, null);
    expect(compareIndicators(workbook.getWorksheet(INDICATOR_SHEET)!, layout, year.score)).toBe(1);
    compareWork(workbook.getWorksheet(WORK_SHEET)!, year, null);
    compareSummary(workbook.getWorksheet(SUMMARY_SHEET)!, year.score);
  });
});

describe("the edge-case year reaches every branch it is meant to", () => {
  it("has a missing, an error, every rule, popmean and cv with and without populations", () => {
    const { score } = edgeYear();
    const result = (code: string) => score.indicators.find((found) => found.code === code)!;
    expect(result("MISS").status).toBe("missing");
    expect(result("DIV").status).toBe("error");
    expect(result("BANDS").ratio).toBe(0.6);
    expect(result("CITY").value).toBe(95.5);
    // P: R3 has a value but no population, so the plain mean; P2: weighted by 100 and 300.
    expect(result("INVERSE").value).toBeCloseTo((20 + 28 + 35) / 3, 12);
    expect(result("POPMEAN").value).toBeCloseTo((30 * 100 + 38.2 * 300) / 400, 12);
    expect(Object.keys(result("CV_N").regions)).toEqual(["R1", "R3"]);
    expect(result("CV_N").status).toBe("ok");
    expect(result("CV_POP").status).toBe("ok");
    expect(result("CV_FEW").status).toBe("missing");
    const ratios = new Set(score.indicators.map((found) => found.ratio));
    expect(ratios.size, "the rules give a spread of ratios, not all 0 or 1").toBeGreaterThan(5);
  });
});

/** Every cell of a sheet that has content or a style, row by row. */
function cellsOf(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells.push(cell);
    }),
  );
  return cells;
}

describe("the tables as an office opens them", () => {
  const year = demoYear();
  const education = { code: "EDU", name: "市教育局" };

  it("the city's workbook has the three sheets, titled, dated and marked as illustrative", async () => {
    const workbook = await readWorkbook(await buildFor(year, null));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      INDICATOR_SHEET,
      WORK_SHEET,
      SUMMARY_SHEET,
    ]);
    for (const sheet of workbook.worksheets) {
      expect(String(sheet.getCell("A1").value)).toBe(
        `惠州市2025年度基本公共服务均等化绩效考评 ${sheet.name}（示例数据）`,
      );
      const line = cellsOf(sheet)
        .filter((cell) => Number(cell.row) === 2)
        .map((cell) => String(cell.value));
      expect(line).toContain("填报单位：惠州市（全部责任单位）");
      expect(line).toContain("日期：2026年3月8日");
    }
  });

  it("prints on A4 landscape with its title, and the summary shows the recalculated score", async () => {
    // LibreOffice prints every sheet after recalculating it: page 1 is the indicator
    // table as a reader would hold it; the last page is 得分汇总 with the total.
    const input = join(directory, "print-city.xlsx");
    await writeFile(input, await buildFor(year, null));
    const pdf = await convertWithLibreOffice(input, "pdf", join(directory, "print-city"));
    const { width, height } = pageSize(pdf);
    expect(width).toBeGreaterThan(height);
    expect(pageText(pdf, 1, { layout: true })).toContain("指标考评表");
    expect(pageText(pdf, pageCount(pdf))).toContain(year.score.score.toFixed(4));
    savePagePng(pdf, 1, "tables-city-page1");
  });

  it("every computed figure is a formula and none carries a cached result", async () => {
    const workbook = await readWorkbook(await buildFor(year, null));
    const sheet = workbook.getWorksheet(INDICATOR_SHEET)!;
    const layout = indicatorSheetLayout(year.framework, year.dataset.regions, null);
    for (const group of layout.groups) {
      for (const { row } of group.rows) {
        for (const column of [
          INDICATOR_COLUMNS.value,
          INDICATOR_COLUMNS.ratio,
          INDICATOR_COLUMNS.points,
          INDICATOR_COLUMNS.loss,
        ]) {
          expect(sheet.getCell(row, column).formula, `${row}:${column}`).toBeTruthy();
        }
      }
    }
    for (const { row } of layout.elements) {
      expect(sheet.getCell(row, layout.cityValueColumn).formula).toBeTruthy();
    }
    let formulas = 0;
    for (const each of workbook.worksheets) {
      for (const cell of cellsOf(each)) {
        if (!cell.formula) continue;
        formulas++;
        expect(cell.result, `${each.name}!${cell.address} has no cached result`).toBeUndefined();
      }
    }
    expect(formulas).toBeGreaterThan(200);
  });

  it("has frozen headers, A4 landscape one page wide, print titles and page numbers", async () => {
    const workbook = await readWorkbook(await buildFor(year, education));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([INDICATOR_SHEET, WORK_SHEET]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 3, ySplit: 3 });
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.pageSetup.printArea).toMatch(/^A1:[A-Z]+\d+$/);
      // The indicator sheet has two tables with their own headings: only title and unit repeat.
      expect(sheet.pageSetup.printTitlesRow).toBe(sheet.name === INDICATOR_SHEET ? "1:2" : "1:3");
      expect(sheet.headerFooter.oddFooter).toContain("第 &P 页，共 &N 页");
      expect(sheet.headerFooter.oddHeader).toContain("示例数据");
      expect(String(sheet.getCell("A2").value)).toBe("填报单位：市教育局");
      const bordered = cellsOf(sheet).filter((cell) => cell.border?.top?.style === "thin");
      expect(bordered.length).toBeGreaterThan(20);
    }
    // A department's tables hold only its own items.
    const codes = cellsOf(workbook.getWorksheet(WORK_SHEET)!).map((cell) => cell.value);
    for (const item of year.framework.workItems) {
      expect(codes.includes(item.code)).toBe(item.department === "EDU");
    }
  });

  it("the plain tables are neither protected nor stamped", async () => {
    const workbook = await readWorkbook(await buildFor(year, education));
    expect(workbook.getWorksheet(STAMP_SHEET)).toBeUndefined();
    for (const sheet of workbook.worksheets) {
      expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection ?? null).toBeNull();
    }
  });
});

describe("the fill-in template", () => {
  const year = demoYear();
  const education = { code: "EDU", name: "市教育局" };

  it("unlocks exactly the input cells, with number validation, and locks everything else", async () => {
    const workbook = await readWorkbook(await buildFor(year, education, STAMP));
    const inputs = templateInputCells(year.framework, year.dataset.regions, "EDU");
    expect(inputs.filter((cell) => cell.target.kind === "value").length).toBeGreaterThan(50);
    expect(inputs.filter((cell) => cell.target.kind === "work").length).toBeGreaterThanOrEqual(2);
    for (const name of [INDICATOR_SHEET, WORK_SHEET]) {
      const sheet = workbook.getWorksheet(name)!;
      expect(
        (sheet as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection,
      ).toMatchObject({ sheet: true });
      const expected = inputs.filter((cell) => cell.sheet === name).map((cell) => cell.address);
      const unlocked = cellsOf(sheet)
        .filter((cell) => cell.protection?.locked === false)
        .map((cell) => cell.address);
      expect(unlocked).toEqual(expected);
      for (const cell of cellsOf(sheet)) {
        if (cell.formula) expect(cell.protection?.locked, cell.address).not.toBe(false);
      }
    }
    for (const { sheet, address: at, target } of inputs) {
      const cell = workbook.getWorksheet(sheet)!.getCell(at);
      expect(cell.dataValidation, `${sheet}!${at}`).toMatchObject({
        type: "decimal",
        operator: "between",
        showErrorMessage: true,
      });
      if (target.kind === "work") {
        expect(cell.dataValidation.formulae).toEqual([0, target.max]);
      } else {
        // The template shows the figures as stored: the user corrects, not re-types.
        const stored = year.dataset.doc.values[target.element]?.[target.region];
        expect(cell.value ?? undefined, `${sheet}!${at}`).toBe(stored);
      }
    }
  });

  it("carries its stamp in a very hidden sheet", async () => {
    const workbook = await readWorkbook(await buildFor(year, education, STAMP));
    const stamp = workbook.getWorksheet(STAMP_SHEET)!;
    expect(stamp.state).toBe("veryHidden");
    expect(stamp.getCell("A1").value).toBe(STAMP);
  });

  it("lists one input per figure (each region and 全市) and per criterion, in sheet order", () => {
    const cells = templateInputCells(year.framework, year.dataset.regions, "EDU");
    const layout = indicatorSheetLayout(year.framework, year.dataset.regions, "EDU");
    const regions = year.dataset.regions.map((region) => region.code);
    const values = cells.filter((cell) => cell.target.kind === "value");
    expect(values.map((cell) => cell.target)).toEqual(
      layout.elements.flatMap(({ code }) =>
        [...regions, "city"].map((region) => ({ kind: "value", element: code, region })),
      ),
    );
    expect(values[0]).toMatchObject({ sheet: INDICATOR_SHEET, address: "F5" });
    const criteria = year.framework.workItems
      .filter((item) => item.department === "EDU")
      .flatMap((item) =>
        item.criteria.map((criterion) => ({
          kind: "work",
          item: item.code,
          criterion: criterion.code,
          max: criterion.points,
        })),
      );
    expect(cells.filter((cell) => cell.sheet === WORK_SHEET).map((cell) => cell.target)).toEqual(
      criteria,
    );
    expect(templateInputCells(year.framework, year.dataset.regions, "EDU")).toEqual(cells);
  });

  it("is refused for the city", async () => {
    await expect(buildFor(year, null, STAMP)).rejects.toThrow(/one department/);
  });
});
