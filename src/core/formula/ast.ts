/** Syntax tree of an indicator formula (spec: numbers, + - * /, unary minus, min/max/abs). */
export type FormulaNode =
  | { kind: "number"; value: number }
  | { kind: "ref"; code: string }
  | { kind: "neg"; operand: FormulaNode }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: FormulaNode; right: FormulaNode }
  | { kind: "call"; fn: FormulaFunction; args: FormulaNode[] };

export const FORMULA_FUNCTIONS = ["min", "max", "abs"] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** A parsed formula together with the data-element codes it reads, in first-use order. */
export interface CompiledFormula {
  source: string;
  ast: FormulaNode;
  inputs: string[];
}
