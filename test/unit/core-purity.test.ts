import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The scoring core (src/core) is pure: no I/O, no clock, no randomness, and nothing of
 * Kaoping outside it. The lint configuration is what keeps that promise as files are
 * added at any depth, so these snippets, linted as if they were core files, must each
 * be refused, and a pure file must pass.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Core files at several depths: directly in src/core, one folder down, three down. */
const CORE_FILES = [
  { file: "src/core/probe.ts", up: "../" },
  { file: "src/core/scoring/probe.ts", up: "../../" },
  { file: "src/core/scoring/deep/deeper/probe.ts", up: "../../../../" },
];

const IMPORT_RULE = "@typescript-eslint/no-restricted-imports";

/** Each snippet breaks the purity one way; `up` climbs from the file to src/. */
const VIOLATIONS: { name: string; code: (up: string) => string; rule: string }[] = [
  {
    name: "a Node built-in with node:",
    code: () => 'import { readFileSync } from "node:fs";',
    rule: IMPORT_RULE,
  },
  { name: "a Node built-in without node:", code: () => 'import fs from "fs";', rule: IMPORT_RULE },
  {
    name: "a Node built-in's subpath",
    code: () => 'import { readFile } from "fs/promises";',
    rule: IMPORT_RULE,
  },
  {
    name: "another Node built-in",
    code: () => 'import { spawn } from "child_process";',
    rule: IMPORT_RULE,
  },
  {
    name: "the server",
    code: (up) => `import { buildApp } from "${up}server/http/app";`,
    rule: IMPORT_RULE,
  },
  {
    name: "a type from the server",
    code: (up) => `import type { Db } from "${up}server/db/connect";`,
    rule: IMPORT_RULE,
  },
  {
    name: "the server, re-exported",
    code: (up) => `export * from "${up}server/db/connect";`,
    rule: IMPORT_RULE,
  },
  {
    name: "the CLI",
    code: (up) => `import { runCli } from "${up}cli/main";`,
    rule: IMPORT_RULE,
  },
  {
    name: "the web app",
    code: (up) => `import { App } from "${up}web/app";`,
    rule: IMPORT_RULE,
  },
  {
    name: "the API contract",
    code: (up) => `import { meSchema } from "${up}contract/api";`,
    rule: IMPORT_RULE,
  },
  {
    name: "a file outside src/core by another name",
    code: (up) => `import { demoFiles } from "${up}platform/package-files";`,
    rule: IMPORT_RULE,
  },
  {
    name: "a package that does I/O (database)",
    code: () => 'import { Kysely } from "kysely";',
    rule: IMPORT_RULE,
  },
  {
    name: "a package that does I/O (HTTP)",
    code: () => 'import Fastify from "fastify";',
    rule: IMPORT_RULE,
  },
  {
    name: "a module loaded at run time",
    code: () => 'export const load = () => import("node:fs");',
    rule: "no-restricted-syntax",
  },
  {
    name: "require",
    code: () => 'export const fs = require("fs");',
    rule: "no-restricted-globals",
  },
  {
    name: "the clock",
    code: () => "export const now = Date.now();",
    rule: "no-restricted-globals",
  },
  {
    name: "a new Date",
    code: () => "export const today = new Date();",
    rule: "no-restricted-globals",
  },
  {
    name: "randomness",
    code: () => "export const pick = Math.random();",
    rule: "no-restricted-properties",
  },
  {
    name: "the environment",
    code: () => "export const lang = process.env.KAOPING_LANG;",
    rule: "no-restricted-globals",
  },
  {
    name: "printing",
    code: () => 'export const say = () => console.log("hi");',
    rule: "no-restricted-globals",
  },
];

describe("the scoring core's purity, as the lint configuration enforces it", () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  const lint = async (code: string, file: string) => {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: `${ROOT}${file}` });
    return result!.messages;
  };

  it.each(CORE_FILES)("lets a pure file pass ($file)", async ({ file }) => {
    const messages = await lint(
      [
        'import { z } from "zod";',
        'import { load } from "js-yaml";',
        'import { roundHalfAwayFromZero } from "./round";',
        "export const shape = z.object({ at: z.string() });",
        "export const read = (text: string) => [load(text), roundHalfAwayFromZero(1.5, 0)];",
      ].join("\n"),
      file,
    );
    expect(messages).toEqual([]);
  });

  describe.each(CORE_FILES)("in $file", ({ file, up }) => {
    it.each(VIOLATIONS)("refuses $name", async ({ code, rule }) => {
      const messages = await lint(code(up), file);
      expect(
        messages.filter((message) => message.fatal),
        "the snippet must parse",
      ).toEqual([]);
      expect(
        messages.map((message) => message.ruleId),
        messages.map((message) => message.message).join("\n"),
      ).toContain(rule);
      expect(messages.every((message) => message.severity === 2)).toBe(true);
    });
  });

  it("holds a core test file to the same rules, with vitest and the test factories allowed", async () => {
    const file = "src/core/scoring/probe.test.ts";
    expect(
      await lint(
        [
          'import { expect, it } from "vitest";',
          'import { frameworkDoc } from "../../../test/support/factories";',
          "it('works', () => expect(frameworkDoc()).toBeDefined());",
        ].join("\n"),
        file,
      ),
    ).toEqual([]);
    const refused = await lint('import { buildApp } from "../../server/http/app";', file);
    expect(refused.map((message) => message.ruleId)).toContain(IMPORT_RULE);
  });
});
