import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { differences } from "./approx";
import { kaoping, ROOT } from "./run-cli";

/**
 * Each folder under test/fixtures/cases holds a framework, a data file and the
 * `kaoping score --json` output worked out by hand (see its NOTES.md), independently
 * of the code under test.
 */
const CASES = join(ROOT, "test/fixtures/cases");
const INVALID = join(ROOT, "test/fixtures/invalid");

function pickFile(dir: string, stem: string): string {
  const name = ["yaml", "yml", "json"]
    .map((ext) => `${stem}.${ext}`)
    .find((file) => existsSync(join(dir, file)));
  if (!name) throw new Error(`${dir} has no ${stem}.yaml/.json`);
  return join(dir, name);
}

const caseNames = readdirSync(CASES).filter((name) =>
  existsSync(join(CASES, name, "expected.json")),
);

describe("kaoping score --json matches the hand-worked fixtures", () => {
  it("has fixtures to check", () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(10);
  });

  it.each(caseNames)("%s", (name) => {
    const dir = join(CASES, name);
    const run = kaoping([
      "score",
      "--framework",
      pickFile(dir, "framework"),
      "--data",
      pickFile(dir, "data"),
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
    expect(differences(JSON.parse(run.stdout), expected)).toEqual([]);
  });
});

interface InvalidCase {
  name?: string;
  framework: string;
  data?: string;
  mustMention: string[];
}

const invalidCases: InvalidCase[] = existsSync(join(INVALID, "cases.json"))
  ? JSON.parse(readFileSync(join(INVALID, "cases.json"), "utf8"))
  : [];

describe("bad input is refused whole, naming the item and the field", () => {
  it("has bad inputs to check", () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(
    invalidCases.map(
      (entry) => [entry.name ?? `${entry.framework} ${entry.data ?? ""}`, entry] as const,
    ),
  )("%s", (_name, entry) => {
    const framework = join(INVALID, entry.framework);
    const args = entry.data
      ? ["score", "--framework", framework, "--data", join(INVALID, entry.data), "--json"]
      : ["validate", framework];
    for (const lang of ["zh", "en"]) {
      const run = kaoping(args, { KAOPING_LANG: lang });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      for (const fragment of entry.mustMention) expect(run.stderr).toContain(fragment);
    }
  });
});
