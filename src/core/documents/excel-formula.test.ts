import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FormulaNode } from "../formula/ast";
import { parseFormula } from "../formula/parse";
import {
  cityValueFormula,
  coefficientOfVariationFormula,
  excelNumber,
  formulaExpression,
  gradeFormula,
  guardedValueFormula,
  regionalMeanFormula,
  ruleRatioFormula,
} from "./excel-formula";

/*
 * Whether the formulas compute the spec is checked against LibreOffice in
 * test/integration/documents-xlsx.test.ts; these tests pin down the text itself.
 */

const CODES = ["A", "B", "C_1"];

/** Numbers the parser can produce: non-negative, finite, and not subnormal. */
const literal = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
);

const node: fc.Arbitrary<FormulaNode> = fc.letrec<{ node: FormulaNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal.map((value) => ({ kind: "number" as const, value })),
    fc.constantFrom(...CODES).map((code) => ({ kind: "ref" as const, code })),
    tie("node").map((operand) => ({ kind: "neg" as const, operand })),
    fc
      .tuple(fc.constantFrom("+", "-", "*", "/"), tie("node"), tie("node"))
      .map(([op, left, right]) => ({ kind: "binary" as const, op, left, right })),
    fc
      .tuple(fc.constantFrom("min", "max"), fc.array(tie("node"), { minLength: 1, maxLength: 3 }))
      .map(([fn, args]) => ({ kind: "call" as const, fn, args })),
    tie("node").map((arg) => ({ kind: "call" as const, fn: "abs" as const, args: [arg] })),
  ),
})).node;

/** Excel's text read back with the framework's own parser (function names in lower case). */
function reparsed(excel: string): FormulaNode {
  return parseFormula(excel.replace(/\b(MIN|MAX|ABS)\(/g, (name) => name.toLowerCase())).ast;
}

describe("formulaExpression", () => {
  it("keeps the syntax tree exactly: reading its text back gives the same tree", () => {
    fc.assert(
      fc.property(node, (tree) => {
        expect(reparsed(formulaExpression(tree, (code) => code))).toEqual(tree);
      }),
      { numRuns: 500 },
    );
  });

  it("parenthesizes only where the tree needs it", () => {
    const excel = (source: string) => formulaExpression(parseFormula(source).ast, (code) => code);
    expect(excel("A + B + C_1")).toBe("A+B+C_1");
    expect(excel("A + (B + C_1)")).toBe("A+(B+C_1)");
    expect(excel("A - (B - C_1)")).toBe("A-(B-C_1)");
    expect(excel("(A + B) * C_1 / 100")).toBe("(A+B)*C_1/100");
    expect(excel("-(A - B) * 2")).toBe("(-(A-B))*2");
    expect(excel("min(A, abs(B)) / max(A, 1)")).toBe("MIN(A,ABS(B))/MAX(A,1)");
  });

  it("replaces each data element by the cell the caller names", () => {
    const text = formulaExpression(parseFormula("POP / AREA").ast, (code) =>
      code === "POP" ? "$N$5" : "$N$6",
    );
    expect(text).toBe("$N$5/$N$6");
  });
});

describe("excelNumber", () => {
  it("writes the shortest round-trip form, exponents and negatives unambiguous", () => {
    expect(excelNumber(0.1)).toBe("0.1");
    expect(excelNumber(1.5e21)).toBe("1.5E+21");
    expect(excelNumber(2.5e-7)).toBe("2.5E-7");
    expect(excelNumber(-5)).toBe("(-5)");
    expect(Number(excelNumber(0.1 + 0.2))).toBe(0.1 + 0.2);
  });

  it("writes a subnormal number, which spreadsheets refuse as a literal, as 0", () => {
    expect(excelNumber(4.4e-323)).toBe("0");
    expect(excelNumber(-0)).toBe("0");
  });

  it("refuses a number that has no literal", () => {
    expect(() => excelNumber(Infinity)).toThrow(RangeError);
    expect(() => excelNumber(NaN)).toThrow(RangeError);
  });
});

describe("guardedValueFormula", () => {
  it("is blank when any input is not a number, and shows the error text otherwise", () => {
    const formula = guardedValueFormula(parseFormula("A / B"), (code) => `$${code}$1`, "无法计算");
    expect(formula).toBe('IF(AND(ISNUMBER($A$1),ISNUMBER($B$1)),IFERROR($A$1/$B$1,"无法计算"),"")');
  });

  it("needs no guard for a formula without inputs", () => {
    expect(guardedValueFormula(parseFormula("1 / 0"), (code) => code, "")).toBe('IFERROR(1/0,"")');
  });
});

describe("ruleRatioFormula", () => {
  const r = (rule: Parameters<typeof ruleRatioFormula>[0]) => ruleRatioFormula(rule, "H9");

  it("gives 0 for a missing or uncomputable value, whatever the rule", () => {
    for (const formula of [
      r({ type: "ratio", target: 100 }),
      r({ type: "bands", bands: [{ min: 0, r: 1 }] }),
      r({ type: "cv", target: 0.1, max: 0.5 }),
    ]) {
      expect(formula).toMatch(/^IF\(ISNUMBER\(H9\),IFERROR\(.*,0\),0\)$/);
    }
  });

  it("writes each rule as rules.ts computes it", () => {
    expect(r({ type: "ratio", target: 95 })).toContain("MAX(0,MIN(1,H9/95))");
    expect(r({ type: "inverse", target: 12 })).toContain("IF(H9<=12,1,MAX(0,MIN(1,12/H9)))");
    expect(r({ type: "atLeast", target: 85 })).toContain("IF(H9>=85,1,0)");
    expect(r({ type: "atMost", target: -1 })).toContain("IF(H9<=(-1),1,0)");
    expect(r({ type: "linear", from: 10, to: -2 })).toContain("MAX(0,MIN(1,(H9-10)/((-2)-10)))");
    expect(r({ type: "cv", target: 0.1, max: 0.5 })).toContain("MAX(0,MIN(1,(H9-0.5)/(0.1-0.5)))");
  });

  it("tries the bands from the highest min down, 0 below all of them", () => {
    const formula = r({
      type: "bands",
      bands: [
        { min: 0, r: 0.2 },
        { min: 90, r: 1 },
        { min: 60, r: 0.6 },
      ],
    });
    expect(formula).toContain("IF(H9>=90,1,IF(H9>=60,0.6,IF(H9>=0,0.2,0)))");
  });
});

describe("cityValueFormula", () => {
  const cells = {
    cityInput: "$M$5",
    regionRange: "$F$5:$H$5",
    populationRange: "$F$4:$H$4",
    regionsWithoutPopulation: [] as string[],
  };

  it("lets a city input win, is blank with no figure, and otherwise aggregates", () => {
    expect(cityValueFormula({ ...cells, aggregation: "sum" })).toBe(
      'IF(ISNUMBER($M$5),$M$5,IF(COUNT($F$5:$H$5)=0,"",SUM($F$5:$H$5)))',
    );
    expect(cityValueFormula({ ...cells, aggregation: "mean" })).toContain("AVERAGE($F$5:$H$5)");
  });

  it("weights popmean by the populations of the regions with a figure", () => {
    expect(cityValueFormula({ ...cells, aggregation: "popmean" })).toContain(
      "SUMPRODUCT($F$5:$H$5,$F$4:$H$4)/SUMPRODUCT(ISNUMBER($F$5:$H$5)*$F$4:$H$4)",
    );
  });

  it("falls back to the plain mean when a region without a population has a figure", () => {
    const formula = cityValueFormula({
      ...cells,
      aggregation: "popmean",
      regionsWithoutPopulation: ["$H$5"],
    });
    expect(formula).toContain("IF(COUNT($H$5)=0,SUMPRODUCT(");
    expect(formula).toContain(",AVERAGE($F$5:$H$5))");
  });
});

describe("the cv of the regions' values", () => {
  const spread = {
    values: ["$M$9", "$N$9", "$O$9"],
    valueRange: "$M$9:$O$9",
    populations: ["$F$4", "$G$4", null],
    populationRange: "$F$4:$H$4",
  };

  it("is missing with fewer than two regions", () => {
    expect(regionalMeanFormula(spread)).toMatch(/^IF\(COUNT\(\$M\$9:\$O\$9\)<2,"",/);
  });

  it("weights by population unless a region without one has a value, then 1/n", () => {
    const formula = coefficientOfVariationFormula(spread, "$P$9", "无法计算");
    expect(formula).toContain("IF(COUNT($O$9)=0,SQRT((");
    expect(formula).toContain("IF(ISNUMBER($M$9),$F$4*(($M$9-$P$9)*($M$9-$P$9)),0)");
    expect(formula).toContain("/COUNT($M$9:$O$9))/$P$9");
    expect(formula).toMatch(/^IF\(ISNUMBER\(\$P\$9\),IFERROR\(.*,"无法计算"\),""\)$/);
  });
});

describe("gradeFormula", () => {
  it("takes the first grade from the top whose min the score reaches", () => {
    const grades = [
      { name: "优", min: 0.98 },
      { name: "良", min: 0.95 },
      { name: '"差"', min: 0 },
    ];
    expect(gradeFormula(grades, "F9")).toBe(
      'IF(F9>=0.98,"优",IF(F9>=0.95,"良",IF(F9>=0,"""差""","")))',
    );
  });
});
