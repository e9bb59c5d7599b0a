import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kaoping } from "./run-cli";

const DEMO = [
  "--framework",
  "content/demo/framework.yaml",
  "--data",
  "content/demo/huizhou-2025.yaml",
];

describe("kaoping demo", () => {
  it("scores the bundled demo, labelled illustrative, in Chinese", () => {
    const run = kaoping(["demo"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("示例数据");
    expect(run.stdout).toMatch(/综合得分 0\.9\d{3}/);
    for (const heading of [
      "公共教育",
      "公共卫生",
      "公共文化体育",
      "公共交通",
      "生活保障",
      "住房保障",
      "就业保障",
      "医疗保障",
    ]) {
      expect(run.stdout).toContain(heading);
    }
    expect(run.stdout).toContain("成员单位失分");
    expect(run.stdout).toMatch(/还差 0\.\d{4}/);
    expect(run.stdout).toMatch(/可追回 0\.\d{4}/);
  });

  it("lands just below the target, so the plan has steps", () => {
    const run = kaoping(["demo", "--json"]);
    const report = JSON.parse(run.stdout);
    expect(report.score).toBeGreaterThan(0.93);
    expect(report.score).toBeLessThan(0.95);
    expect(report.meetsTarget).toBe(false);
    expect(report.plan.length).toBeGreaterThan(0);
    const statuses = new Set(
      report.indicators.map((indicator: { status: string }) => indicator.status),
    );
    expect(statuses).toContain("missing");
  });

  it("speaks English when asked", () => {
    const run = kaoping(["demo", "--lang", "en"]);
    expect(run.stdout).toContain("Illustrative demo data");
    expect(run.stdout).toContain("Plan to the target");
  });

  it("gives the same JSON as kaoping score on the demo files", () => {
    expect(kaoping(["demo", "--json"]).stdout).toBe(kaoping(["score", ...DEMO, "--json"]).stdout);
  });
});

describe("kaoping score and validate", () => {
  it("prints a readable table without --json", () => {
    const run = kaoping(["score", ...DEMO]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("指标考评");
    expect(run.stdout).toContain("工作测评");
    expect(run.stdout).toContain("达到目标的补分路径");
  });

  it("validates the demo files", () => {
    const run = kaoping([
      "validate",
      "content/demo/framework.yaml",
      "content/demo/huizhou-2025.yaml",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("content/demo/framework.yaml: 有效");
    expect(run.stdout).toContain("content/demo/huizhou-2025.yaml: 有效");
  });

  it("names a file that does not exist", () => {
    const run = kaoping([
      "score",
      "--framework",
      "nope.yaml",
      "--data",
      "content/demo/huizhou-2025.yaml",
      "--json",
    ]);
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(run.stderr).toContain("nope.yaml: 文件不存在");
  });

  it("names the line of a YAML syntax error", () => {
    const dir = mkdtempSync(join(tmpdir(), "kaoping-"));
    const file = join(dir, "broken.yaml");
    writeFileSync(file, "format: kaoping/framework@1\ncode: [A\n");
    const run = kaoping(["validate", file], { KAOPING_LANG: "en" });
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(run.stderr).toMatch(/broken\.yaml: line \d+, column \d+: YAML syntax error/);
  });

  it.each([
    [["score", "--framework", "content/demo/framework.yaml"], "缺少选项 --data"],
    [["score", ...DEMO, "--jsn"], "未知的选项 --jsn"],
    [["frobnicate"], "未知的命令 frobnicate"],
    [["validate"], "用法"],
  ])("usage errors exit 2: %j", (args, message) => {
    const run = kaoping(args);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toContain(message);
  });

  it("prints help", () => {
    const run = kaoping(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("kaoping score --framework");
  });
});
