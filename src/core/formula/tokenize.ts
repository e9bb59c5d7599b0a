import { localized, type Localized } from "../text/localized";

export type Token =
  | { type: "number"; value: number; pos: number }
  | { type: "name"; text: string; pos: number }
  | { type: "op"; text: "+" | "-" | "*" | "/" | "(" | ")" | ","; pos: number }
  | { type: "end"; pos: number };

/** A formula the grammar does not accept; `pos` is the 1-based character position. */
export class FormulaSyntaxError extends Error {
  constructor(
    readonly pos: number,
    readonly detail: Localized,
  ) {
    super(`${detail.en} (at position ${pos})`);
  }
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z][A-Za-z0-9_]*/y;
/** A word that starts with a character names cannot start with, e.g. `__proto__`, `$x`. */
const WORD = /[_$][A-Za-z0-9_$]*/y;

function matchAt(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0];
}
const OPERATORS = new Set(["+", "-", "*", "/", "(", ")", ","]);

/** Splits a formula into tokens. Only ASCII digits, names, operators and spaces are allowed. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    const num = matchAt(NUMBER, source, i);
    if (num !== undefined) {
      const value = Number(num);
      if (!Number.isFinite(value)) {
        throw new FormulaSyntaxError(
          i + 1,
          localized(`数字 ${num} 超出可表示的范围`, `the number ${num} is too large`),
        );
      }
      tokens.push({ type: "number", value, pos: i + 1 });
      i += num.length;
      continue;
    }
    const name = matchAt(NAME, source, i);
    if (name !== undefined) {
      tokens.push({ type: "name", text: name, pos: i + 1 });
      i += name.length;
      continue;
    }
    if (OPERATORS.has(ch)) {
      tokens.push({ type: "op", text: ch as "+", pos: i + 1 });
      i++;
      continue;
    }
    const word = matchAt(WORD, source, i);
    if (word !== undefined) {
      throw new FormulaSyntaxError(
        i + 1,
        localized(`不允许的名称“${word}”`, `'${word}' is not allowed`),
      );
    }
    throw new FormulaSyntaxError(
      i + 1,
      localized(`不允许的字符“${ch}”`, `unexpected character '${ch}'`),
    );
  }
  tokens.push({ type: "end", pos: source.length + 1 });
  return tokens;
}
