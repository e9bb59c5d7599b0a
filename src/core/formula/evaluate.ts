import type { CompiledFormula, FormulaNode } from "./ast";

/**
 * The outcome of evaluating a formula: a finite number, or the reason there is none.
 * Never NaN: callers branch on `kind`.
 */
export type FormulaResult =
  | { kind: "value"; value: number }
  | { kind: "missing"; inputs: string[] }
  | { kind: "error"; reason: "division-by-zero" | "not-finite" };

/** Looks up a data element's value; `undefined` when there is none. */
export type ValueLookup = (code: string) => number | undefined;

class DivisionByZero {}

function evaluateNode(node: FormulaNode, values: ValueLookup): number {
  switch (node.kind) {
    case "number":
      return node.value;
    case "ref":
      return values(node.code)!;
    case "neg":
      return -evaluateNode(node.operand, values);
    case "binary": {
      const left = evaluateNode(node.left, values);
      const right = evaluateNode(node.right, values);
      switch (node.op) {
        case "+":
          return left + right;
        case "-":
          return left - right;
        case "*":
          return left * right;
        case "/":
          if (right === 0) throw new DivisionByZero();
          return left / right;
      }
      break;
    }
    case "call": {
      const args = node.args.map((arg) => evaluateNode(arg, values));
      if (node.fn === "abs") return Math.abs(args[0]!);
      return node.fn === "min" ? Math.min(...args) : Math.max(...args);
    }
  }
  throw new Error("unreachable formula node");
}

/**
 * Evaluates a compiled formula. Missing inputs win over arithmetic errors: a formula
 * with any missing input is `missing` even if it would also divide by zero.
 */
export function evaluateFormula(formula: CompiledFormula, lookup: ValueLookup): FormulaResult {
  let missing: string[] | undefined;
  for (const code of formula.inputs) {
    if (lookup(code) === undefined) (missing ??= []).push(code);
  }
  if (missing) return { kind: "missing", inputs: missing };
  let value: number;
  try {
    value = evaluateNode(formula.ast, lookup);
  } catch (error) {
    if (error instanceof DivisionByZero) return { kind: "error", reason: "division-by-zero" };
    throw error;
  }
  if (!Number.isFinite(value)) return { kind: "error", reason: "not-finite" };
  return { kind: "value", value };
}
