import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CycleRegion } from "../../../contract/api";
import { loadDataText, loadFrameworkText, scoreYear } from "../../../core";
import { buildDataset, departmentPoints, type FigureValues } from "./live-score";

const framework = loadFrameworkText(
  readFileSync("content/demo/framework.yaml", "utf8"),
  "framework.yaml",
).framework;
const data = loadDataText(
  readFileSync("content/demo/huizhou-2025.yaml", "utf8"),
  "huizhou-2025.yaml",
  framework,
);
const server = scoreYear(framework, data);
const regions: CycleRegion[] = data.regions.map((region) => ({
  code: region.code,
  name: region.name,
  population: region.population ?? null,
  group: region.group ?? null,
}));

/** What a department's page holds: the figures of the elements its indicators read, its answers. */
function departmentInputs(department: string) {
  const elements = new Set(
    framework.indicators
      .filter((indicator) => indicator.department === department)
      .flatMap((indicator) => indicator.compiled.inputs),
  );
  const values: FigureValues = {};
  for (const code of elements) {
    if (data.doc.values[code]) values[code] = { ...data.doc.values[code] };
  }
  const work = Object.fromEntries(
    framework.workItems
      .filter((item) => item.department === department && data.doc.work[item.code])
      .map((item) => [item.code, data.doc.work[item.code]!]),
  );
  return { values, work };
}

describe("the department's score in the browser", () => {
  it.each(framework.doc.departments.map((department) => department.code))(
    "%s: every item and the department's loss equal the server's, bit for bit",
    (department) => {
      const { values, work } = departmentInputs(department);
      const live = scoreYear(framework, buildDataset(framework, 2025, regions, values, work));
      const mine = <T extends { department: string }>(list: T[]) =>
        list.filter((item) => item.department === department);
      expect(mine(live.indicators)).toEqual(mine(server.indicators));
      expect(mine(live.workItems)).toEqual(mine(server.workItems));
      expect(live.departments.find((entry) => entry.code === department)?.loss).toBe(
        server.departments.find((entry) => entry.code === department)?.loss,
      );
    },
  );

  it("follows a changed figure: a lower enrolment loses points", () => {
    const { values, work } = departmentInputs("EDU");
    const before = scoreYear(framework, buildDataset(framework, 2025, regions, values, work));
    values.PRIMARY_ENROLLED = { ...values.PRIMARY_ENROLLED, HC: 100000 };
    const after = scoreYear(framework, buildDataset(framework, 2025, regions, values, work));
    const loss = (result: typeof before) => result.indicators.find((i) => i.code === "EDU01")!.loss;
    expect(loss(after)).toBeGreaterThan(loss(before));
  });

  it("adds up the department's worth and keeps its loss", () => {
    const worth = new Map([
      ["A", 0.1],
      ["B", 0.2],
      ["C", 0.4],
    ]);
    const items = [
      { code: "A", department: "EDU" },
      { code: "B", department: "EDU" },
      { code: "C", department: "HEALTH" },
    ];
    expect(departmentPoints(items, worth, "EDU", 0.05)).toEqual({ worth: 0.1 + 0.2, loss: 0.05 });
  });
});
