import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FrameworkDocument } from "../../../contract/api";
import { presentScoreReport } from "../../../contract/score-report";
import { loadDataText, loadFrameworkText, scoreYear } from "../../../core";
import { departmentLosses, domainTotals, partTotals } from "./area-totals";

const read = (name: string) => readFileSync(`content/demo/${name}`, "utf8");
const { framework } = loadFrameworkText(read("framework.yaml"), "framework.yaml");
const doc = framework.doc as FrameworkDocument;

describe.each(["huizhou-2024.yaml", "huizhou-2025.yaml"])("the demo year %s", (file) => {
  const result = scoreYear(framework, loadDataText(read(file), file, framework));
  const report = presentScoreReport(result);

  it("gives each service area the core's available share and loss", () => {
    const totals = domainTotals(doc, report);
    expect(totals.map((total) => total.code)).toEqual(result.domains.map((domain) => domain.code));
    for (const [index, domain] of result.domains.entries()) {
      expect(totals[index]!.available).toBeCloseTo(domain.available, 12);
      expect(totals[index]!.loss).toBeCloseTo(domain.loss, 12);
      expect(totals[index]!.earned).toBeCloseTo(domain.available - domain.loss, 12);
      expect(totals[index]!.name).toBe(doc.domains[index]!.name);
    }
  });

  it("gives each part the core's loss, and the parts add up to the score", () => {
    const totals = partTotals(doc, report);
    for (const [index, part] of result.parts.entries()) {
      expect(totals[index]!.loss).toBeCloseTo(part.loss, 12);
    }
    const earned = totals.reduce((sum, total) => sum + total.earned, 0);
    expect(earned).toBeCloseTo(result.scoreExact, 12);
  });

  it("names the departments in the report's order of loss", () => {
    const losses = departmentLosses(doc, report);
    expect(losses.map((entry) => entry.code)).toEqual(
      report.departments.map((entry) => entry.code),
    );
    expect(losses[0]!.name).toBe(
      doc.departments.find((department) => department.code === losses[0]!.code)!.name,
    );
  });
});

describe("an item naming its part", () => {
  it("counts toward that part's share, not the first part of its kind", () => {
    const twoParts: FrameworkDocument = {
      ...doc,
      parts: [
        { code: "A", name: "A", kind: "indicators", weight: 1 },
        { code: "B", name: "B", kind: "indicators", weight: 3 },
      ],
      domains: [
        { code: "D1", name: "一" },
        { code: "D2", name: "二" },
      ],
      indicators: [
        { ...doc.indicators[0]!, code: "I1", domain: "D1", weight: 1, part: undefined },
        { ...doc.indicators[0]!, code: "I2", domain: "D2", weight: 1, part: "B" },
      ],
      workItems: [],
    };
    const report = presentScoreReport({
      ...scoreYear(framework, loadDataText(read("huizhou-2025.yaml"), "d", framework)),
      indicators: [],
      workItems: [],
    });
    const totals = domainTotals(twoParts, report);
    expect(totals.map((total) => total.available)).toEqual([0.25, 0.75]);
  });
});
