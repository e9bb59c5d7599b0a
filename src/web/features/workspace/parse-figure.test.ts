import { describe, expect, it } from "vitest";
import { parseFigure } from "./parse-figure";

const number = (value: number) => ({ kind: "number", value });

describe("parseFigure", () => {
  it.each([
    ["1234", 1234],
    ["1,234.5", 1234.5],
    ["1,234,567", 1234567],
    ["  42  ", 42],
    ["-3.5", -3.5],
    ["+7", 7],
    [".5", 0.5],
    ["5.", 5],
    ["-0", 0],
    ["１２３．４", 123.4],
    ["１，２３４", 1234],
  ])("reads %j as %d", (text, value) => {
    expect(parseFigure(text)).toEqual(number(value));
  });

  it("treats an empty cell as a cleared figure", () => {
    expect(parseFigure("")).toEqual({ kind: "empty" });
    expect(parseFigure("   ")).toEqual({ kind: "empty" });
  });

  it.each(["abc", "12%", "1e5", "12 34", "1.2.3", "--1", "一百", "NaN", "Infinity", "0x10"])(
    "refuses the text %j",
    (text) => {
      const parsed = parseFigure(text);
      expect(parsed.kind).toBe("invalid");
    },
  );

  it("refuses misplaced thousands separators with its own reason", () => {
    const parsed = parseFigure("12,34");
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind === "invalid") expect(parsed.reason.zh).toContain("千位分隔符");
  });

  it("refuses a number beyond the largest double", () => {
    const parsed = parseFigure("9".repeat(400));
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind === "invalid") expect(parsed.reason.zh).toBe("数值过大");
  });

  it("applies the element's min and max, naming the bound", () => {
    const bounds = { min: 0, max: 100 };
    expect(parseFigure("100", bounds)).toEqual(number(100));
    expect(parseFigure("0", bounds)).toEqual(number(0));
    const below = parseFigure("-1", bounds);
    expect(below.kind === "invalid" && below.reason.zh).toBe("数值 -1 小于下限 0");
    const above = parseFigure("100.5", bounds);
    expect(above.kind === "invalid" && above.reason.en).toBe(
      "value 100.5 is above the maximum 100",
    );
  });
});
