import type { Grade, Rule } from "../formats/framework-schema";
import type { CompiledFormula, FormulaNode } from "../formula/ast";

/*
 * Excel formula text for the tables' live cells: an indicator formula, a city figure's
 * aggregation, a rule's ratio, a cv and a grade, each exactly as the scoring core computes
 * it (spec §3, §4; scoring/rules.ts, scoring/element-values.ts). Pure string builders:
 * the caller says which cell holds what, these say how it is computed. The text has no
 * leading "=" (the form OOXML stores) and uses only functions Excel 2007 and LibreOffice
 * both know.
 *
 * A missing figure is the empty text "" in a computed cell, a value that cannot be
 * computed (division by zero, overflow) is the text NOT_COMPUTABLE; a ratio is 0 in both
 * cases. Checks use ISNUMBER, so a blank input, "" and stray text all count as missing.
 */

/** What a value cell shows when its formula divides by zero or overflows (status error). */
export const NOT_COMPUTABLE = "无法计算";

/** A text literal, quotes doubled. */
export function excelString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The smallest normal double; spreadsheets refuse literals below it (a whole formula turns #VALUE!). */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/**
 * A number literal that reads back as the same double: the shortest round-trip form,
 * negatives in parentheses so that `x-(-5)` stays unambiguous. A subnormal number
 * (below 2.2e-308, which no framework means) is written as 0: off by less than 1e-307.
 */
export function excelNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError("an Excel formula has no literal for a non-finite number");
  }
  if (Math.abs(value) < SMALLEST_NORMAL) return "0";
  const text = String(value).toUpperCase();
  return value < 0 ? `(${text})` : text;
}

/** Operator precedence for parenthesizing; calls, references and numbers bind tightest. */
const ADDITIVE = 1;
const MULTIPLICATIVE = 2;
const ATOM = 3;

interface Emitted {
  text: string;
  precedence: number;
}

function emit(node: FormulaNode, cell: (code: string) => string): Emitted {
  switch (node.kind) {
    case "number":
      return { text: excelNumber(node.value), precedence: ATOM };
    case "ref":
      return { text: cell(node.code), precedence: ATOM };
    case "neg": {
      const operand = emit(node.operand, cell);
      const text = operand.precedence === ATOM ? operand.text : `(${operand.text})`;
      // Wrapped, so `2*(-A1)` and `A1-(-B1)` read naturally and parse the same everywhere.
      return { text: `(-${text})`, precedence: ATOM };
    }
    case "binary": {
      const precedence = node.op === "+" || node.op === "-" ? ADDITIVE : MULTIPLICATIVE;
      const left = emit(node.left, cell);
      const right = emit(node.right, cell);
      // The tree's shape is kept exactly: floating-point a+(b+c) is not (a+b)+c.
      const leftText = left.precedence < precedence ? `(${left.text})` : left.text;
      const rightText = right.precedence <= precedence ? `(${right.text})` : right.text;
      return { text: `${leftText}${node.op}${rightText}`, precedence };
    }
    case "call": {
      const args = node.args.map((arg) => emit(arg, cell).text).join(",");
      return { text: `${node.fn.toUpperCase()}(${args})`, precedence: ATOM };
    }
  }
}

/** The formula's arithmetic alone, each data element replaced by the cell `cell(code)` names. */
export function formulaExpression(node: FormulaNode, cell: (code: string) => string): string {
  return emit(node, cell).text;
}

/**
 * An indicator value (or one region's): blank when any input is not a number (status
 * missing, which wins over errors as in the evaluator), else the formula, with
 * `onError` shown when it divides by zero or overflows.
 */
export function guardedValueFormula(
  compiled: CompiledFormula,
  cell: (code: string) => string,
  onError: string,
): string {
  const expression = `IFERROR(${formulaExpression(compiled.ast, cell)},${excelString(onError)})`;
  if (compiled.inputs.length === 0) return expression;
  const present = compiled.inputs.map((code) => `ISNUMBER(${cell(code)})`).join(",");
  return `IF(AND(${present}),${expression},"")`;
}

/** clamp to [0, 1], as clamp01. */
export function clampFormula(expression: string): string {
  return `MAX(0,MIN(1,${expression}))`;
}

/** (v − from) / (to − from), as rules.ts's linearPosition for finite spans. */
function linearPosition(value: string, from: number, to: number): string {
  return `(${value}-${excelNumber(from)})/(${excelNumber(to)}-${excelNumber(from)})`;
}

/** The bands as nested IFs, highest min first; of equal mins the first listed wins (rules.ts). */
function bandsFormula(bands: readonly { min: number; r: number }[], value: string): string {
  const ordered: { min: number; r: number }[] = [];
  for (const band of bands) {
    if (!ordered.some((kept) => kept.min === band.min)) ordered.push(band);
  }
  ordered.sort((a, b) => b.min - a.min);
  return ordered.reduceRight(
    (otherwise, band) =>
      `IF(${value}>=${excelNumber(band.min)},${excelNumber(band.r)},${otherwise})`,
    "0",
  );
}

function ruleExpression(rule: Rule, value: string): string {
  switch (rule.type) {
    case "ratio":
      return clampFormula(`${value}/${excelNumber(rule.target)}`);
    case "inverse":
      return `IF(${value}<=${excelNumber(rule.target)},1,${clampFormula(`${excelNumber(rule.target)}/${value}`)})`;
    case "atLeast":
      return `IF(${value}>=${excelNumber(rule.target)},1,0)`;
    case "atMost":
      return `IF(${value}<=${excelNumber(rule.target)},1,0)`;
    case "linear":
      return clampFormula(linearPosition(value, rule.from, rule.to));
    case "bands":
      return bandsFormula(rule.bands, value);
    case "cv":
      // v is the cv itself: r falls from 1 at `target` to 0 at `max`.
      return clampFormula(linearPosition(value, rule.max, rule.target));
  }
}

/**
 * The ratio r a value cell earns under a rule (ratioUnderRule): 0 when the value is
 * missing or not computable, and 0 for anything the sheet cannot compute on the way.
 */
export function ruleRatioFormula(rule: Rule, value: string): string {
  return `IF(ISNUMBER(${value}),IFERROR(${ruleExpression(rule, value)},0),0)`;
}

export interface AggregationCells {
  aggregation: "sum" | "mean" | "popmean";
  /** The 全市 input cell: when it holds a number it is the city figure. */
  cityInput: string;
  /** The regions' input cells, as one range ("F5:L5"). */
  regionRange: string;
  /** The regions' populations, a range of the same shape (blank where unknown). */
  populationRange: string;
  /** Input cells of the regions without a population (popmean falls back to the plain mean when one has a value). */
  regionsWithoutPopulation: readonly string[];
}

/** Σ p x / Σ p over the regions with a value (weightedMeanOf with populations). */
function populationMean(values: string, populations: string): string {
  return `SUMPRODUCT(${values},${populations})/SUMPRODUCT(ISNUMBER(${values})*${populations})`;
}

/** The plain mean unless every region with a value has a population. */
function popmeanOrMean(
  values: string,
  populations: string,
  withoutPopulation: readonly string[],
): string {
  const weighted = populationMean(values, populations);
  if (withoutPopulation.length === 0) return weighted;
  return `IF(COUNT(${withoutPopulation.join(",")})=0,${weighted},AVERAGE(${values}))`;
}

/**
 * The city figure of a data element (collectElementValues): the city input when it is
 * a number, else the aggregation over the regions with a value, else blank (missing).
 */
export function cityValueFormula(cells: AggregationCells): string {
  const range = cells.regionRange;
  const aggregate =
    cells.aggregation === "sum"
      ? `SUM(${range})`
      : cells.aggregation === "mean"
        ? `AVERAGE(${range})`
        : popmeanOrMean(range, cells.populationRange, cells.regionsWithoutPopulation);
  return `IF(ISNUMBER(${cells.cityInput}),${cells.cityInput},IF(COUNT(${range})=0,"",${aggregate}))`;
}

export interface RegionSpreadCells {
  /** Each region's indicator value cell (a number, or "" when the region is left out). */
  values: readonly string[];
  /** The same cells as one range. */
  valueRange: string;
  /** Each region's population cell, null where the region has no population. */
  populations: readonly (string | null)[];
  /** The populations as one range of the same shape as `valueRange`. */
  populationRange: string;
}

/** Value cells of regions without a population: when one of them has a value, shares are 1/n. */
function withoutPopulation(cells: RegionSpreadCells): string[] {
  return cells.values.filter((_, index) => cells.populations[index] === null);
}

/**
 * μ = Σ sⱼ xⱼ over the regions with a value (spec §4), shares pⱼ / Σp, or 1/n when one
 * of them lacks a population; blank with fewer than two regions (the cv is missing).
 */
export function regionalMeanFormula(cells: RegionSpreadCells): string {
  const mean = popmeanOrMean(cells.valueRange, cells.populationRange, withoutPopulation(cells));
  return `IF(COUNT(${cells.valueRange})<2,"",${mean})`;
}

/** Σ wⱼ (xⱼ − μ)² over the regions with a value, written out: "" in a range would make the array arithmetic an error. */
function squaredDeviations(cells: RegionSpreadCells, mean: string, weighted: boolean): string {
  return cells.values
    .map((value, index) => {
      const population = cells.populations[index];
      const weight = weighted && population !== null ? `${population}*` : "";
      // d*d rather than d^2: LibreOffice's power turns an underflow into an error, and
      // the scorer squares by multiplying too.
      return `IF(ISNUMBER(${value}),${weight}((${value}-${mean})*(${value}-${mean})),0)`;
    })
    .join("+");
}

/**
 * cv = √(Σ sⱼ (xⱼ − μ)²) / μ with the mean from `mean` (regionalMeanFormula's cell):
 * blank when the mean is blank, `onError` when μ is 0 or the result is not finite.
 */
export function coefficientOfVariationFormula(
  cells: RegionSpreadCells,
  mean: string,
  onError: string,
): string {
  const weighted = `SQRT((${squaredDeviations(cells, mean, true)})/SUMPRODUCT(ISNUMBER(${cells.valueRange})*${cells.populationRange}))/${mean}`;
  const plain = `SQRT((${squaredDeviations(cells, mean, false)})/COUNT(${cells.valueRange}))/${mean}`;
  const missing = withoutPopulation(cells);
  const cv =
    missing.length === 0 ? weighted : `IF(COUNT(${missing.join(",")})=0,${weighted},${plain})`;
  return `IF(ISNUMBER(${mean}),IFERROR(${cv},${excelString(onError)}),"")`;
}

/** The grade: the first (highest) grade whose min ≤ score; blank when none. */
export function gradeFormula(grades: readonly Grade[], score: string): string {
  return grades.reduceRight(
    (otherwise, grade) =>
      `IF(${score}>=${excelNumber(grade.min)},${excelString(grade.name)},${otherwise})`,
    '""',
  );
}
