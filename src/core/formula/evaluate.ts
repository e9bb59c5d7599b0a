import type { CompiledFormula, FormulaNode } from "./ast";

/**
 * The outcome of evaluating a formula: a finite number, or the reason there is none.
 * Never NaN or infinity: callers branch on `kind`.
 */
export type FormulaResult =
  | { kind: "value"; value: number }
  | { kind: "missing"; inputs: string[] }
  | { kind: "error"; reason: "division-by-zero" | "not-finite" };

/** Looks up a data element's value; `undefined` when there is none. */
export type ValueLookup = (code: string) => number | undefined;

class DivisionByZero {}
class NotFinite {}

/**
 * Every step must stay finite (spec §3.2): `min(A * B, 100)` with an overflowing
 * product is an error, not 100, and `1 / (A * B)` is an error, not 0.
 */
function finite(value: number): number {
  if (!Number.isFinite(value)) throw new NotFinite();
  return value;
}

function evaluateNode(node: FormulaNode, values: ValueLookup): number {
  switch (node.kind) {
    case "number":
      return finite(node.value);
    case "ref":
      // An input the scorer could not represent (a city sum past 1.7e308) is an overflow too.
      return finite(values(node.code)!);
    case "neg":
      return -evaluateNode(node.operand, values);
    case "binary": {
      const left = evaluateNode(node.left, values);
      const right = evaluateNode(node.right, values);
      switch (node.op) {
        case "+":
          return finite(left + right);
        case "-":
          return finite(left - right);
        case "*":
          return finite(left * right);
        case "/":
          if (right === 0) throw new DivisionByZero();
          return finite(left / right);
      }
      break;
    }
    case "call": {
      const args = node.args.map((arg) => evaluateNode(arg, values));
      if (node.fn === "abs") return Math.abs(args[0]!);
      let result = args[0]!;
      for (const arg of args)
        result = node.fn === "min" ? Math.min(result, arg) : Math.max(result, arg);
      return result;
    }
  }
  throw new Error("unreachable formula node");
}

/**
 * Evaluates a compiled formula. Missing inputs win over arithmetic errors: a formula
 * with any missing input is `missing` even if it would also divide by zero. A value is
 * never −0 (it reads back from JSON as 0).
 */
export function evaluateFormula(formula: CompiledFormula, lookup: ValueLookup): FormulaResult {
  let missing: string[] | undefined;
  for (const code of formula.inputs) {
    if (lookup(code) === undefined) (missing ??= []).push(code);
  }
  if (missing) return { kind: "missing", inputs: missing };
  try {
    return { kind: "value", value: evaluateNode(formula.ast, lookup) + 0 };
  } catch (error) {
    if (error instanceof DivisionByZero) return { kind: "error", reason: "division-by-zero" };
    if (error instanceof NotFinite) return { kind: "error", reason: "not-finite" };
    throw error;
  }
}
