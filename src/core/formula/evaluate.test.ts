import { describe, expect, it } from "vitest";
import { evaluateFormula } from "./evaluate";
import { parseFormula } from "./parse";

const run = (source: string, values: Record<string, number>) =>
  evaluateFormula(parseFormula(source), (code) => values[code]);

describe("evaluateFormula", () => {
  it("returns the value", () => {
    expect(run("A / B * 100", { A: 1, B: 4 })).toEqual({ kind: "value", value: 25 });
  });

  it("reports every missing input, and missing wins over a division by zero", () => {
    expect(run("A / B + C", { B: 0 })).toEqual({ kind: "missing", inputs: ["A", "C"] });
  });

  it("reports a division by zero, including 0 / 0", () => {
    expect(run("A / B", { A: 1, B: 0 })).toEqual({ kind: "error", reason: "division-by-zero" });
    expect(run("A / B", { A: 0, B: 0 })).toEqual({ kind: "error", reason: "division-by-zero" });
    expect(run("A / (B - B)", { A: 1, B: 3 })).toEqual({
      kind: "error",
      reason: "division-by-zero",
    });
  });

  it("reports an overflow as an error, never Infinity or NaN", () => {
    expect(run("A * A", { A: 1e200 })).toEqual({ kind: "error", reason: "not-finite" });
  });

  it.each([
    ["min(A * A, 100)", "an overflow that min would hide"],
    ["1 / (A * A)", "an overflow that a division would turn into 0"],
    ["A * A - A * A", "an overflow that a subtraction would turn into NaN"],
    ["abs(-A * A) * 0", "an overflow that a product with 0 would hide"],
  ])("any step that overflows is an error: %s (%s)", (source) => {
    expect(run(source, { A: 1e200 })).toEqual({ kind: "error", reason: "not-finite" });
  });

  it("an input that is not finite (a city sum past the largest double) is an error", () => {
    expect(run("min(A, 5)", { A: Infinity })).toEqual({ kind: "error", reason: "not-finite" });
    expect(run("1 / A", { A: -Infinity })).toEqual({ kind: "error", reason: "not-finite" });
  });

  it("a value of -0 is reported as 0", () => {
    const result = run("-A", { A: 0 });
    expect(result.kind === "value" && Object.is(result.value, 0)).toBe(true);
  });

  it("the largest figures stay values while every step is finite", () => {
    expect(run("A / B * 100", { A: 1.7e308, B: 1e10 })).toEqual({
      kind: "value",
      value: (1.7e308 / 1e10) * 100,
    });
  });

  it("evaluates min/max/abs over inputs", () => {
    expect(run("min(A, B) - max(A, B) + abs(A - B)", { A: 2, B: 5 })).toEqual({
      kind: "value",
      value: 0,
    });
  });
});
