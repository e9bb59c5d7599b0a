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

  it("evaluates min/max/abs over inputs", () => {
    expect(run("min(A, B) - max(A, B) + abs(A - B)", { A: 2, B: 5 })).toEqual({
      kind: "value",
      value: 0,
    });
  });
});
