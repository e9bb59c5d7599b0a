import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { presentScoreReport } from "../../src/contract/score-report";
import {
  InputError,
  loadDataText,
  loadFramework,
  loadFrameworkText,
  scoreYear,
  type Framework,
} from "../../src/core";
import { dataDoc, frameworkDoc, indicator, type Doc } from "../support/factories";
import { FUZZ_TEST_TIMEOUT, fuzzParameters } from "./fuzz-parameters";
import { expectReportable } from "./reportable";

/**
 * Hostile framework and data files: whatever the text, the loader either returns a
 * document or throws an InputError whose every issue names the file — never a
 * RangeError, a TypeError or a hang, and never a polluted prototype.
 */

const HOLE = (index: number) => `@@HOLE${index}@@`;

/** Text that JSON and YAML flow style both read (unless it is YAML-only by design). */
const nested = (open: string, inner: string, close: string) =>
  fc
    .integer({ min: 1, max: 100_000 })
    .map((depth) => open.repeat(depth) + inner + close.repeat(depth));

const hostileNumber = fc.constantFrom(
  "1e400",
  "-1e400",
  "-0",
  "0.0e0",
  "1e308",
  "-1.7976931348623157e308",
  "5e-324",
  "2.4e-324",
  "123456789012345678901234567890123456789",
  "0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
  "0o777",
  ".inf",
  "-.inf",
  ".nan",
  "1_000",
  "+12",
);

const prototypeKeys = fc
  .tuple(
    fc.constantFrom("__proto__", "constructor", "prototype"),
    fc.constantFrom("__proto__", "constructor", "prototype", "polluted"),
  )
  .map(([outer, inner]) => `{"${outer}": {"${inner}": {"polluted": "yes"}}, "polluted": 1}`);

/** `{"l0": &l0 [..], "l1": &l1 [*l0, *l0, …], …}`: each level multiplies the size. */
const aliasBomb = fc
  .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 }))
  .map(([levels, fanOut]) => {
    const parts = [`"l0": &l0 [${Array.from({ length: fanOut }, () => '"lol"').join(", ")}]`];
    for (let level = 1; level < levels; level++) {
      const uses = Array.from({ length: fanOut }, () => `*l${level - 1}`).join(", ");
      parts.push(`"l${level}": &l${level} [${uses}]`);
    }
    return `{${parts.join(", ")}}`;
  });

const strangeString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }).map((text) => JSON.stringify(text)),
  fc.constantFrom(
    '"\uFEFFA"',
    '"A\u0000B"',
    '"\uD800"',
    '"\uDFFF\uD800"',
    '"\\uD800"',
    '"city"',
    '"constructor"',
    '"toString"',
    '"__proto__"',
  ),
  fc.integer({ min: 0, max: 1_000_000 }).map((length) => `"${"长".repeat(length)}"`),
);

const snippet = fc.oneof(
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: nested("[", "", "]") },
  { weight: 2, arbitrary: nested('{"a": ', "1", "}") },
  { weight: 1, arbitrary: nested("- ", "1", "") },
  { weight: 3, arbitrary: prototypeKeys },
  { weight: 2, arbitrary: aliasBomb },
  { weight: 3, arbitrary: strangeString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"a": 1, "a": 2}',
      "[1, 2",
      "{a: }",
      "&x *x",
      "*nothing",
      "!!js/function 'x'",
      "null",
      "[]",
      "{}",
      "true",
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
);

/** A key path into a document, where the holes go (some exist, some are new keys). */
const FRAMEWORK_SPOTS = [
  [],
  ["description"],
  ["target"],
  ["grades", 0, "min"],
  ["parts", 0],
  ["parts", 0, "weight"],
  ["dataElements", 0, "min"],
  ["dataElements", 1, "max"],
  ["dataElements", 0, "code"],
  ["indicators", 0, "weight"],
  ["indicators", 0, "formula"],
  ["indicators", 0, "rule"],
  ["indicators", 0, "rule", "target"],
  ["indicators", 1],
  ["workItems"],
  ["domains", 0, "__proto__"],
];
const DATA_SPOTS = [
  [],
  ["description"],
  ["year"],
  ["regions"],
  ["regions", 0, "population"],
  ["regions", 0, "code"],
  ["regions", 1],
  ["values"],
  ["values", "A"],
  ["values", "A", "R1"],
  ["values", "B", "city"],
  ["values", "constructor"],
  ["work"],
  ["satisfaction"],
];

function withHoles(doc: Doc, spots: (string | number)[][]): Doc {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  spots.forEach((path, index) => {
    if (path.length === 0) return;
    let node = copy;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== "object") return;
      node = next as Record<string | number, unknown>;
    }
    Object.defineProperty(node, path[path.length - 1]!, {
      value: HOLE(index),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return copy;
}

/** A valid document turned to text with hostile snippets in its holes (or replacing it). */
function hostileText(base: Doc, spotList: (string | number)[][]) {
  return fc
    .record({
      spots: fc.array(fc.constantFrom(...spotList), { minLength: 1, maxLength: 3 }),
      snippets: fc.array(snippet, { minLength: 3, maxLength: 3 }),
      json: fc.boolean(),
      prefix: fc.constantFrom("", "\uFEFF", "%YAML 1.2\n---\n", "# 注释\n"),
    })
    .map(({ spots, snippets, json, prefix }) => {
      let text = JSON.stringify(withHoles(base, spots), null, json ? 0 : 1);
      spots.forEach((path, index) => {
        text =
          path.length === 0
            ? snippets[index]!
            : text.replace(JSON.stringify(HOLE(index)), () => snippets[index]!);
      });
      return { text: json ? text : prefix + text, json };
    });
}

const bounded = {
  dataElements: [
    { code: "A", name: "A", min: 0 },
    { code: "B", name: "B", min: 0, max: 100, aggregation: "popmean" },
  ],
  indicators: [indicator(), indicator({ code: "I2", formula: "A / B * 100" })],
};
const framework: Framework = loadFramework(frameworkDoc(bounded), "framework.yaml").framework;
const baseData = dataDoc({ values: { A: { R1: 5, R2: 7 }, B: { R1: 50, city: 60 } } });

/** The promise: a result, or an InputError naming the file in every issue, in both languages. */
function loadsOrRefuses<T>(file: string, load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.file).toBe(file);
      expect(issue.message.zh.length).toBeGreaterThan(0);
      expect(issue.message.en.length).toBeGreaterThan(0);
    }
    return undefined;
  }
}

function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

describe("the loaders survive hostile files", () => {
  afterEach(expectNoPollution);

  it(
    "framework files: a framework or an InputError naming the file",
    () => {
      fc.assert(
        fc.property(hostileText(frameworkDoc(bounded), FRAMEWORK_SPOTS), ({ text, json }) => {
          const file = json ? "framework.json" : "framework.yaml";
          loadsOrRefuses(file, () => loadFrameworkText(text, file));
          expectNoPollution();
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT,
  );

  it(
    "data files: a dataset that scores to finite numbers, or an InputError naming the file",
    () => {
      fc.assert(
        fc.property(hostileText(baseData, DATA_SPOTS), ({ text, json }) => {
          const file = json ? "data.json" : "data.yaml";
          const dataset = loadsOrRefuses(file, () => loadDataText(text, file, framework));
          if (dataset) expectReportable(presentScoreReport(scoreYear(framework, dataset)));
          expectNoPollution();
        }),
        fuzzParameters(150),
      );
    },
    FUZZ_TEST_TIMEOUT,
  );

  it(
    "any text at all",
    () => {
      const anyText = fc.oneof(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.string({ unit: fc.constantFrom(..."[]{}:,-&*!|>'\"#%@`?\n \t0e.x_"), maxLength: 300 }),
      );
      fc.assert(
        fc.property(anyText, fc.boolean(), (text, json) => {
          const file = json ? "data.json" : "data.yaml";
          loadsOrRefuses(file, () => loadDataText(text, file, framework));
          loadsOrRefuses(file, () => loadFrameworkText(text, file));
        }),
        fuzzParameters(300),
      );
    },
    FUZZ_TEST_TIMEOUT,
  );
});
