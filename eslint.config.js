import js from "@eslint/js";
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";

/*
 * The scoring core (src/core) is pure: no I/O, no clock, no randomness, and it depends on
 * nothing of Kaoping outside itself (the server, CLI, web app and contract depend on it).
 * A file at any depth below src/core is held to this; see test/unit/core-purity.test.ts.
 */
const CORE_PACKAGES = ["zod", "js-yaml"];
/** What the core's own tests may use besides, with the shared test factories (test/support). */
const CORE_TEST_PACKAGES = [...CORE_PACKAGES, "vitest", "fast-check"];
/** Deepest folder below src/core checked for relative imports that climb out of it. */
const CORE_MAX_DEPTH = 8;

const alternatives = (names) =>
  names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
const NODE_BUILTINS = alternatives(builtinModules.filter((name) => !name.startsWith("_")));

/** The imports a core file `depth` folders below src/core may not make; tests may also reach test/support. */
function coreImportRule(depth, packages, { tests = false } = {}) {
  const testSupport = tests ? "(?!\\.\\./test/support/)" : "";
  return [
    "error",
    {
      patterns: [
        {
          regex: `^(node:|(${NODE_BUILTINS})(/|$))`,
          message: "The scoring core does no I/O: Node's built-in modules are not for it.",
        },
        {
          regex: `^(\\./)?(\\.\\./){${depth + 1}}${testSupport}`,
          message: "The scoring core depends on nothing outside src/core.",
        },
        {
          regex: "(^|/)(server|cli|web|platform|contract)(/|$)",
          message:
            "The scoring core depends on nothing outside src/core (server, cli, web, platform and contract depend on it).",
        },
        {
          regex: `^(?!\\.|node:|(${NODE_BUILTINS})(/|$)|(${alternatives(packages)})(/|$))`,
          message: `The scoring core uses only the packages ${packages.join(", ")}: others may do I/O.`,
        },
      ],
    },
  ];
}

/** One block per depth below src/core, so "leaves src/core" means exactly that at every depth. */
function coreImportBlocks() {
  const blocks = [];
  for (let depth = 0; depth <= CORE_MAX_DEPTH; depth++) {
    const folder = `src/core/${"*/".repeat(depth)}`;
    blocks.push(
      {
        files: [`${folder}*.ts`],
        rules: { "@typescript-eslint/no-restricted-imports": coreImportRule(depth, CORE_PACKAGES) },
      },
      {
        files: [`${folder}*.test.ts`],
        rules: {
          "@typescript-eslint/no-restricted-imports": coreImportRule(depth, CORE_TEST_PACKAGES, {
            tests: true,
          }),
        },
      },
    );
  }
  return blocks;
}

const CORE_GLOBALS = [
  ["Date", "The scoring core reads no clock: take the date as an input."],
  ["performance", "The scoring core reads no clock."],
  ["process", "The scoring core reads no environment and does no I/O."],
  ["console", "The scoring core prints nothing: it returns results."],
  ["crypto", "The scoring core uses no randomness."],
  ["fetch", "The scoring core does no I/O."],
  ["XMLHttpRequest", "The scoring core does no I/O."],
  ["WebSocket", "The scoring core does no I/O."],
  ["setTimeout", "The scoring core is synchronous and reads no clock."],
  ["setInterval", "The scoring core is synchronous and reads no clock."],
  ["setImmediate", "The scoring core is synchronous."],
  ["queueMicrotask", "The scoring core is synchronous."],
  ["require", "The scoring core imports only what its import rules allow."],
  ["globalThis", "The scoring core reaches nothing global."],
  ["global", "The scoring core reaches nothing global."],
  ["window", "The scoring core reaches nothing global."],
  ["self", "The scoring core reaches nothing global."],
].map(([name, message]) => ({ name, message }));

export default tseslint.config(
  {
    ignores: ["node_modules", "dist", "build", "test-output", "data", "coverage", "test/fixtures"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The scoring core is pure: no I/O, no clock, no randomness (see CORE_PACKAGES above).
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": coreImportRule(CORE_MAX_DEPTH, CORE_PACKAGES),
      "no-restricted-globals": ["error", ...CORE_GLOBALS],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "The scoring core uses no randomness." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression",
          message: "The scoring core loads no modules at run time.",
        },
      ],
    },
  },
  ...coreImportBlocks(),
);
