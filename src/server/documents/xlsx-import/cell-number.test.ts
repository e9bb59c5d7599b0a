import type { CellValue } from "exceljs";
import { describe, expect, it } from "vitest";
import { readCellNumber } from "./cell-number";

describe("a cell's value as a figure", () => {
  it.each<[CellValue, number]>([
    [12, 12],
    [-0, 0],
    ["1,234,567.5", 1_234_567.5],
    [" 42 ", 42],
    ["－１２．５", -12.5],
    ["１，２３４", 1234],
    ["+7", 7],
  ])("reads %j as %d", (value, expected) => {
    expect(readCellNumber(value)).toEqual({ kind: "number", value: expected });
  });

  it.each<CellValue>([null, undefined, "", "   "])("takes %j as empty", (value) => {
    expect(readCellNumber(value)).toEqual({ kind: "empty" });
  });

  it.each<[CellValue, string]>([
    ["1,2", "不是数字"],
    ["12,34,567", "不是数字"],
    ["1e5", "不是数字"],
    ["Infinity", "不是数字"],
    ["NaN", "不是数字"],
    ["12万", "不是数字"],
    [Infinity, "不是有限的数字"],
    [Number.NaN, "不是有限的数字"],
    [{ sharedFormula: "F5", result: 3 } as unknown as CellValue, "是公式，请填写数值"],
    [{ formula: "1/0", result: { error: "#DIV/0!" } } as CellValue, "是公式，请填写数值"],
  ])("refuses %j: %s", (value, message) => {
    const reading = readCellNumber(value);
    expect(reading.kind).toBe("refused");
    if (reading.kind === "refused") expect(reading.problem.zh).toBe(message);
  });
});
