/** Kaoping's scoring core: pure functions over plain data (no I/O, no clock). */
export { parseFormula, MAX_FORMULA_LENGTH, MAX_FORMULA_DEPTH } from "./formula/parse";
export { evaluateFormula, type FormulaResult } from "./formula/evaluate";
export { FormulaSyntaxError } from "./formula/tokenize";
export type { CompiledFormula, FormulaNode } from "./formula/ast";
export {
  loadFramework,
  loadFrameworkText,
  loadData,
  loadDataText,
  parseDocumentText,
  type LoadedFramework,
} from "./formats/load";
export { InputError, formatIssue, type InputIssue } from "./formats/input-error";
export { FRAMEWORK_FORMAT, type FrameworkDoc, type Rule } from "./formats/framework-schema";
export { DATA_FORMAT, type DataDoc } from "./formats/data-schema";
export { CITY, type DataCheckOptions } from "./formats/check-data";
export { boundViolation, type ElementBounds } from "./formats/bounds";
export { scoreYear, SCORE_DECIMALS } from "./scoring/score-year";
export { roundHalfAwayFromZero } from "./scoring/round";
export { ratioUnderRule, valueNeeded } from "./scoring/rules";
export { measureEqualization, type Equalization, type RegionPoint } from "./equalization/measures";
export type * from "./scoring/types";
export type { Dataset, Framework, Indicator, WorkItem } from "./model";
export { localized, type Lang, type Localized } from "./text/localized";
