import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DepartmentTimeliness, TimelinessReport } from "../../contract/api";
import { csvCell, timelinessCsv } from "./timeliness-csv";
import { beijingMinute, downloadDisposition } from "./timeliness.presenter";

describe("one CSV cell", () => {
  it.each<[string | number | null, string]>([
    ["市教育局", "市教育局"],
    [3, "3"],
    [null, ""],
    ["=1+1", "'=1+1"],
    ["+86 752", "'+86 752"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["a,b", '"a,b"'],
    ['说"明"', '"说""明"""'],
    ["第一行\n第二行", '"第一行\n第二行"'],
    ["a\r\nb", '"a\r\nb"'],
    ["市-局", "市-局"],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("never starts a text cell with a formula character, and always reads back as the text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text);
        const unquoted =
          cell.startsWith('"') && cell.endsWith('"') && cell.length >= 2
            ? cell.slice(1, -1).replace(/""/g, '"')
            : cell;
        expect(unquoted).not.toMatch(/^[=+\-@\t\r]/);
        const guarded = /^[=+\-@\t\r]/.test(text);
        expect(unquoted).toBe(guarded ? `'${text}` : text);
        // Unquoted cells hold nothing that would break the row.
        if (unquoted === cell) expect(cell).not.toMatch(/[",\r\n]/);
      }),
    );
  });
});

const ROW: DepartmentTimeliness = {
  code: "EDU",
  name: "=cmd|' /C calc'!A0",
  state: "submitted",
  firstSubmittedAt: "2026-03-09T06:05:00.000Z",
  lastSubmittedAt: "2026-03-09T06:05:00.000Z",
  status: "late",
  daysLate: 2,
  exceptionUntil: "2026-03-13",
  withinException: true,
  returns: 1,
  items: { complete: 17, total: 20, share: 0.85 },
};

describe("the timeliness CSV", () => {
  const report: TimelinessReport = {
    year: 2025,
    due: "2026-03-10",
    generatedAt: "2026-03-20T00:00:00.000Z",
    departments: [
      ROW,
      { ...ROW, code: "GOV", name: "市政府办公室", items: { complete: 0, total: 0, share: null } },
    ],
  };

  it("guards a hostile department name and writes every column of a row", () => {
    const lines = timelinessCsv(report).slice(1).split("\r\n");
    expect(lines[1]).toBe(
      `'=cmd|' /C calc'!A0,EDU,已报送,2026-03-09 14:05,逾期（在延期内）,2,2026-03-13,1,17,20,85.0%`,
    );
    expect(lines[2]).toBe(
      "市政府办公室,GOV,已报送,2026-03-09 14:05,逾期（在延期内）,2,2026-03-13,1,0,0,",
    );
  });

  it("starts with the byte order mark and ends every line with CRLF", () => {
    const text = timelinessCsv(report);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});

describe("Beijing time and the download's name", () => {
  it.each([
    ["2026-03-09T06:05:00.000Z", "2026-03-09 14:05"],
    ["2026-03-10T15:59:59.999Z", "2026-03-10 23:59"],
    ["2026-03-10T16:00:00.000Z", "2026-03-11 00:00"],
  ])("%s is %s in Beijing", (iso, expected) => {
    expect(beijingMinute(iso)).toBe(expected);
  });

  it("gives the Chinese name per RFC 5987 and a plain ASCII fallback", () => {
    expect(
      downloadDisposition({ name: "2025年度(报送)'s.csv", ascii: "timeliness-2025.csv" }),
    ).toBe(
      `attachment; filename="timeliness-2025.csv"; filename*=UTF-8''2025%E5%B9%B4%E5%BA%A6%28%E6%8A%A5%E9%80%81%29%27s.csv`,
    );
  });
});
