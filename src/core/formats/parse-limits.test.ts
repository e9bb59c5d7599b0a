import { describe, expect, it } from "vitest";
import { dataDoc, frameworkDoc } from "../../../test/support/factories";
import { InputError } from "./input-error";
import {
  loadDataText,
  loadFramework,
  loadFrameworkText,
  MAX_DOCUMENT_CHARS,
  MAX_DOCUMENT_DEPTH,
  MAX_DOCUMENT_NODES,
  parseDocumentText,
} from "./load";

/** The refusal of `text` read as `file`: an InputError, every issue naming that file. */
function refusal(text: string, file: string): string {
  try {
    parseDocumentText(text, file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const issue of error.issues) expect(issue.file).toBe(file);
    return `${error.format("en")}\n${error.format("zh")}`;
  }
  throw new Error(`expected ${file} to be refused`);
}

const DEEP = 100_000;

describe("the parser's limits refuse hostile text with a message, not a crash", () => {
  it.each([
    ["JSON lists", "data.json", "[".repeat(DEEP) + "]".repeat(DEEP)],
    ["JSON objects", "data.json", '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP)],
    ["YAML flow lists", "data.yaml", "[".repeat(DEEP) + "]".repeat(DEEP)],
    ["YAML flow mappings", "data.yaml", "{a: ".repeat(DEEP) + "1" + "}".repeat(DEEP)],
    ["YAML block lists on one line", "data.yaml", "- ".repeat(DEEP) + "1"],
    [
      "YAML indented mappings",
      "data.yaml",
      Array.from({ length: 200 }, (_, level) => `${" ".repeat(level)}a:`).join("\n") + " 1",
    ],
  ])("nesting of %s 100,000 (or 200) levels deep", (_label, file, text) => {
    expect(refusal(text, file)).toContain(
      `nests too deeply (at most ${MAX_DOCUMENT_DEPTH} levels)`,
    );
  });

  it.each(["a.json", "a.yaml"])(
    "%s: nesting up to the limit is read, one more level is not",
    (file) => {
      const nest = (depth: number) => "[".repeat(depth) + "1" + "]".repeat(depth);
      expect(() => parseDocumentText(nest(MAX_DOCUMENT_DEPTH), file)).not.toThrow();
      expect(refusal(nest(MAX_DOCUMENT_DEPTH + 1), file)).toContain("nests too deeply");
      const empty = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
      expect(() => parseDocumentText(empty(MAX_DOCUMENT_DEPTH), file)).not.toThrow();
      expect(refusal(empty(MAX_DOCUMENT_DEPTH + 1), file)).toContain("nests too deeply");
    },
  );

  it("counts brackets inside JSON strings as text", () => {
    const text = JSON.stringify({ description: "[".repeat(DEEP) + '\\"{' });
    expect(parseDocumentText(text, "a.json")).toEqual({ description: "[".repeat(DEEP) + '\\"{' });
  });

  it("refuses a billion laughs: aliases that expand exponentially", () => {
    const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level <= 9; level++) {
      const uses = Array.from({ length: 9 }, () => `*a${level - 1}`).join(", ");
      lines.push(`a${level}: &a${level} [${uses}]`);
    }
    expect(refusal(lines.join("\n"), "framework.yaml")).toContain(
      `expands to too many values (at most ${MAX_DOCUMENT_NODES}`,
    );
  });

  it("refuses nesting that aliases build although the text is flat", () => {
    const lines = ["l0: &l0 [1]"];
    for (let level = 1; level <= MAX_DOCUMENT_DEPTH + 5; level++) {
      lines.push(`l${level}: &l${level} [*l${level - 1}]`);
    }
    expect(refusal(lines.join("\n"), "data.yaml")).toContain("nests too deeply");
  });

  it("refuses a flat list of more values than the budget", () => {
    const text = `[${"0,".repeat(MAX_DOCUMENT_NODES)}0]`;
    expect(refusal(text, "data.json")).toContain("too many values");
    expect(refusal(text, "data.yaml")).toContain("too many values");
  });

  it("refuses a file longer than the limit before parsing it", () => {
    expect(refusal(" ".repeat(MAX_DOCUMENT_CHARS + 1), "data.yaml")).toContain(
      "the file is too large",
    );
  });

  it.each([
    ["YAML", "data.yaml", "format: x\nvalues:\n  __proto__: { polluted: 1 }\n"],
    ["JSON", "data.json", '{"values": {"__proto__": {"polluted": 1}}}'],
  ])("refuses the key __proto__ in %s, naming where, and pollutes nothing", (_l, file, text) => {
    expect(refusal(text, file)).toContain(
      `${file}: values.__proto__: the key __proto__ is not allowed`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["a byte-order mark in JSON", "data.json", '\uFEFF{"a": 1}', "JSON syntax error"],
    ["a NUL character in YAML", "data.yaml", "a: 1\u0000\n", "YAML syntax error"],
    ["a lone surrogate outside a string", "data.json", '{"a": 1}\uD800', "JSON syntax error"],
    ["a hexadecimal number in JSON", "data.json", '{"a": 0x10}', "JSON syntax error"],
  ])("refuses %s as a syntax error", (_label, file, text, expected) => {
    expect(refusal(text, file)).toContain(expected);
  });
});

describe("numbers the formats cannot hold are refused at their field", () => {
  const framework = loadFramework(frameworkDoc(), "framework.yaml").framework;
  const dataText = (value: string) =>
    `${JSON.stringify({ ...dataDoc(), values: {} }).slice(0, -3)}{"A": {"R1": ${value}}}}`;

  it.each(["1e400", "-1e400"])("a figure of %s in JSON", (value) => {
    expect(() => loadDataText(dataText(value), "data.json", framework)).toThrow(
      /data\.json: values\.A\.R1: must be a finite number/,
    );
  });

  it.each(["1e400", ".inf", "-.inf", ".nan", `0x${"F".repeat(300)}`])(
    "a figure of %s in YAML",
    (value) => {
      const text = `format: kaoping/data@1\nframework: TEST\nyear: 2025\nregions: [{code: R1, name: 甲}]\nvalues: {A: {R1: ${value}}}\n`;
      expect(() => loadDataText(text, "data.yaml", framework)).toThrow(
        /data\.yaml: values\.A\.R1: must be a finite number/,
      );
    },
  );

  it("a number in a formula too large to be a double", () => {
    const doc = frameworkDoc({
      indicators: [
        {
          code: "I1",
          name: "x",
          domain: "EDU",
          department: "D1",
          weight: 1,
          formula: "A * 1e400",
          rule: { type: "ratio", target: 1 },
        },
      ],
    });
    expect(() => loadFrameworkText(JSON.stringify(doc), "framework.json")).toThrow(
      /indicators\[I1\]\.formula: at position 5: the number 1e400 is too large/,
    );
  });
});
