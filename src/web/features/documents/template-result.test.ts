import { describe, expect, it } from "vitest";
import { hasProblems, isXlsxName, problemText, readRefusal } from "./template-result";

describe("readRefusal", () => {
  it("reads the refused cells, how many more there are, and the conflicts", () => {
    const body = {
      error: "invalid",
      message: "模板中有 3 处问题，未导入",
      cells: [{ cell: "指标考评表!F12", message: "指标考评表!F12：不是数字" }],
      moreCells: 2,
      conflicts: [{ cell: "指标考评表!G7", stored: 12, file: 15 }],
    };
    const read = readRefusal(body);
    expect(read).toEqual({
      cells: [{ cell: "指标考评表!F12", message: "指标考评表!F12：不是数字" }],
      moreCells: 2,
      conflicts: [{ cell: "指标考评表!G7", stored: 12, file: 15 }],
    });
    expect(hasProblems(read)).toBe(true);
  });

  it("keeps a figure never stored as empty, not as a made-up value", () => {
    const body = { conflicts: [{ cell: "指标考评表!E5", stored: null, file: 3 }] };
    expect(readRefusal(body).conflicts).toEqual([{ cell: "指标考评表!E5", stored: null, file: 3 }]);
  });

  it("reads a refusal of another shape (a file that is no workbook) as no problems", () => {
    for (const body of [
      { error: "unsupported", message: "不是 Excel 工作簿" },
      null,
      "text",
      {
        cells: "x",
        moreCells: -3,
        conflicts: [
          { cell: 1, file: 2 },
          { cell: "A1", file: "9" },
        ],
      },
    ]) {
      const read = readRefusal(body);
      expect(read).toEqual({ cells: [], moreCells: 0, conflicts: [] });
      expect(hasProblems(read)).toBe(false);
    }
  });

  it("counts cells past the list as problems even when none is listed", () => {
    expect(hasProblems(readRefusal({ cells: [], moreCells: 5, conflicts: [] }))).toBe(true);
  });
});

describe("problemText", () => {
  it("drops the cell the server wrote before the problem, in either language", () => {
    expect(problemText({ cell: "指标考评表!F12", message: "指标考评表!F12：不是数字" })).toBe(
      "不是数字",
    );
    expect(problemText({ cell: "指标考评表!F12", message: "指标考评表!F12: not a number" })).toBe(
      "not a number",
    );
  });

  it("keeps a message that does not start with its cell whole", () => {
    expect(problemText({ cell: "A1", message: "公式不能导入" })).toBe("公式不能导入");
    expect(problemText({ cell: "A1", message: "A1：" })).toBe("A1：");
  });
});

describe("isXlsxName", () => {
  it("accepts .xlsx in any case and refuses other workbooks", () => {
    expect(isXlsxName("教育局填报模板.XLSX")).toBe(true);
    expect(isXlsxName("模板.xls")).toBe(false);
    expect(isXlsxName("模板.xlsx.txt")).toBe(false);
  });
});
