import { describe, expect, it } from "vitest";
import { evaluateFormula } from "./evaluate";
import { MAX_FORMULA_LENGTH, parseFormula } from "./parse";
import { FormulaSyntaxError } from "./tokenize";

function valueOf(source: string, values: Record<string, number> = {}): number {
  const result = evaluateFormula(parseFormula(source), (code) => values[code]);
  if (result.kind !== "value") throw new Error(`expected a value, got ${result.kind}`);
  return result.value;
}

function syntaxError(source: string): FormulaSyntaxError {
  try {
    parseFormula(source);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe("parseFormula: what it accepts", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 - 4 - 3", 3],
    ["24 / 4 / 2", 3],
    ["2 * 3 + 4 * 5", 26],
    ["-3 + 5", 2],
    ["-(3 + 5)", -8],
    ["2 * -3", -6],
    ["- - 4", 4],
    ["10 - -2", 12],
    ["1.5e2", 150],
    [".5 * 4", 2],
    ["min(3, 1, 2)", 1],
    ["max(3, 1, 2)", 3],
    ["abs(-7)", 7],
    ["max(min(5, 9), abs(-8) / 2, 1)", 5],
    ["min(max(1, 2), max(3, min(4, 0)))", 2],
    ["A / B * 100", 50],
    ["(A + B) / 2", 3],
  ])("%s = %d", (source, expected) => {
    expect(valueOf(source, { A: 2, B: 4 })).toBeCloseTo(expected, 12);
  });

  it("lists each input once, in first-use order", () => {
    expect(parseFormula("B_2 + A * B_2 / min(A, C9)").inputs).toEqual(["B_2", "A", "C9"]);
  });
});

describe("parseFormula: what it refuses", () => {
  it.each([
    ["A ** 2", 4],
    ["constructor", 1],
    ["process.exit()", 8],
    ["__proto__", 1],
    ["a.b", 2],
    ["A.b", 2],
    ["A +", 4],
    ["(A + B", 7],
    ["A B", 3],
    ["min()", 1],
    ["abs(1, 2)", 1],
    ["pow(A, 2)", 1],
    ["Math.max(1)", 5],
    ["A = 1", 3],
    ["'A'", 1],
    ["A[0]", 2],
    ["+A", 1],
    ["", 1],
    ["A;B", 2],
    ["`A`", 1],
  ])("%j is refused at position %d", (source, position) => {
    expect(syntaxError(source).pos).toBe(position);
  });

  it("names an unknown function and a name that is not a code", () => {
    expect(syntaxError("pow(A, 2)").detail.en).toMatch(/unknown function pow/);
    expect(syntaxError("constructor").detail.en).toMatch(
      /'constructor' is not a data-element code/,
    );
    expect(syntaxError("process.exit()").detail.en).toMatch(/unexpected character '\.'/);
    expect(syntaxError("__proto__").detail.en).toMatch(/'__proto__' is not allowed/);
    expect(syntaxError("A ** 2").detail.zh).toContain("*");
  });

  it("refuses a 100 kB expression without evaluating it", () => {
    const huge = Array.from({ length: 20_000 }, () => "A").join("+") + "+".repeat(70_000);
    expect(huge.length).toBeGreaterThan(100_000);
    expect(syntaxError(huge).detail.en).toMatch(/too long/);
  });

  it("refuses deep nesting without overflowing the stack", () => {
    const deep = "(".repeat(4_000) + "1" + ")".repeat(4_000);
    expect(deep.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    expect(syntaxError(deep).detail.en).toMatch(/nests too deeply/);
    expect(syntaxError("-".repeat(5_000) + "1").detail.en).toMatch(/nests too deeply/);
  });

  it("accepts long but flat formulas up to the limit", () => {
    const flat = Array.from({ length: 3_000 }, () => "A").join("+");
    expect(valueOf(flat, { A: 1 })).toBe(3_000);
  });
});
