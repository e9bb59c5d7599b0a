import { localized } from "../text/localized";
import {
  FORMULA_FUNCTIONS,
  type CompiledFormula,
  type FormulaFunction,
  type FormulaNode,
} from "./ast";
import { FormulaSyntaxError, tokenize, type Token } from "./tokenize";

/** Longest formula accepted; real indicator formulas are a few dozen characters. */
export const MAX_FORMULA_LENGTH = 10_000;
/** Deepest nesting of parentheses, calls and unary minus accepted. */
export const MAX_FORMULA_DEPTH = 64;

const CODE = /^[A-Z][A-Z0-9_]*$/;

const PRECEDENCE: Record<string, number> = { "+": 1, "-": 1, "*": 2, "/": 2 };

/**
 * Parses a formula into a syntax tree (precedence climbing). Accepts exactly the
 * grammar of the framework format; throws FormulaSyntaxError naming the position.
 * The source is never handed to the host language.
 */
export function parseFormula(source: string): CompiledFormula {
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new FormulaSyntaxError(
      MAX_FORMULA_LENGTH + 1,
      localized(
        `公式过长（${source.length} 个字符，最多 ${MAX_FORMULA_LENGTH} 个）`,
        `formula is too long (${source.length} characters; at most ${MAX_FORMULA_LENGTH})`,
      ),
    );
  }
  const tokens = tokenize(source);
  const inputs: string[] = [];
  let at = 0;
  let depth = 0;

  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;

  function describe(token: Token): string {
    if (token.type === "end") return "end";
    if (token.type === "number") return String(token.value);
    return token.text;
  }

  function unexpected(token: Token): never {
    if (token.type === "end") {
      throw new FormulaSyntaxError(token.pos, localized("公式不完整", "unexpected end of formula"));
    }
    const text = describe(token);
    throw new FormulaSyntaxError(token.pos, localized(`不应出现“${text}”`, `unexpected '${text}'`));
  }

  function expectOp(text: ")" | "(" | ","): void {
    const token = next();
    if (token.type !== "op" || token.text !== text) unexpected(token);
  }

  function enter(token: Token): void {
    if (++depth > MAX_FORMULA_DEPTH) {
      throw new FormulaSyntaxError(
        token.pos,
        localized(
          `公式嵌套过深（最多 ${MAX_FORMULA_DEPTH} 层）`,
          `formula nests too deeply (at most ${MAX_FORMULA_DEPTH} levels)`,
        ),
      );
    }
  }

  function primary(): FormulaNode {
    const token = next();
    if (token.type === "number") return { kind: "number", value: token.value };
    if (token.type === "op" && token.text === "-") {
      enter(token);
      const operand = primary();
      depth--;
      return { kind: "neg", operand };
    }
    if (token.type === "op" && token.text === "(") {
      enter(token);
      const inner = expression(0);
      expectOp(")");
      depth--;
      return inner;
    }
    if (token.type === "name") return nameOrCall(token);
    return unexpected(token);
  }

  function nameOrCall(token: Extract<Token, { type: "name" }>): FormulaNode {
    const following = peek();
    const isCall = following.type === "op" && following.text === "(";
    if (isCall) {
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(token.text)) {
        throw new FormulaSyntaxError(
          token.pos,
          localized(
            `未知的函数 ${token.text}（只允许 min、max、abs）`,
            `unknown function ${token.text} (only min, max and abs are allowed)`,
          ),
        );
      }
      return call(token, token.text as FormulaFunction);
    }
    if (!CODE.test(token.text)) {
      throw new FormulaSyntaxError(
        token.pos,
        localized(
          `“${token.text}”不是数据元素代码（代码由大写字母开头，只含大写字母、数字和下划线）`,
          `'${token.text}' is not a data-element code (codes are upper case: [A-Z][A-Z0-9_]*)`,
        ),
      );
    }
    if (!inputs.includes(token.text)) inputs.push(token.text);
    return { kind: "ref", code: token.text };
  }

  function call(token: Token, fn: FormulaFunction): FormulaNode {
    enter(token);
    expectOp("(");
    const args: FormulaNode[] = [];
    const close = peek();
    if (!(close.type === "op" && close.text === ")")) {
      args.push(expression(0));
      while (peek().type === "op" && (peek() as { text: string }).text === ",") {
        next();
        args.push(expression(0));
      }
    }
    expectOp(")");
    depth--;
    const arityOk = fn === "abs" ? args.length === 1 : args.length >= 1;
    if (!arityOk) {
      const wanted = fn === "abs" ? "1" : "≥ 1";
      throw new FormulaSyntaxError(
        token.pos,
        localized(
          `函数 ${fn} 的参数个数应为 ${wanted}，实为 ${args.length}`,
          `function ${fn} takes ${wanted} argument(s), got ${args.length}`,
        ),
      );
    }
    return { kind: "call", fn, args };
  }

  function expression(minPrecedence: number): FormulaNode {
    let left = primary();
    for (;;) {
      const token = peek();
      if (token.type !== "op") break;
      const precedence = PRECEDENCE[token.text];
      if (precedence === undefined || precedence < minPrecedence) break;
      next();
      const right = expression(precedence + 1);
      left = { kind: "binary", op: token.text as "+", left, right };
    }
    return left;
  }

  const ast = expression(0);
  const end = peek();
  if (end.type !== "end") unexpected(end);
  return { source, ast, inputs };
}
