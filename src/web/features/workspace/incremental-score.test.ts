import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CycleRegion } from "../../../contract/api";
import { loadDataText, loadFrameworkText, scoreYear } from "../../../core";
import { IncrementalScorer } from "./incremental-score";
import { buildDataset, type FigureValues, type WorkAwards } from "./live-score";

const framework = loadFrameworkText(
  readFileSync("content/demo/framework.yaml", "utf8"),
  "framework.yaml",
).framework;
const data = loadDataText(
  readFileSync("content/demo/huizhou-2025.yaml", "utf8"),
  "huizhou-2025.yaml",
  framework,
);
const regions: CycleRegion[] = data.regions.map((region) => ({
  code: region.code,
  name: region.name,
  population: region.population ?? null,
  group: region.group ?? null,
}));
const regionCodes = [...regions.map((region) => region.code), "city"];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function departmentInputs(department: string) {
  const elements = [
    ...new Set(
      framework.indicators
        .filter((indicator) => indicator.department === department)
        .flatMap((indicator) => indicator.compiled.inputs),
    ),
  ];
  const values: FigureValues = {};
  for (const code of elements)
    if (data.doc.values[code]) values[code] = { ...data.doc.values[code] };
  const work: WorkAwards = {};
  for (const item of framework.workItems) {
    if (item.department === department && data.doc.work[item.code])
      work[item.code] = data.doc.work[item.code]!;
  }
  return { elements, values, work };
}

describe("IncrementalScorer", () => {
  it.each(framework.doc.departments.map((department) => department.code))(
    "%s: after every one of 60 random edits, equals scoreYear bit for bit",
    (department) => {
      const { elements, values, work } = departmentInputs(department);
      const scorer = new IncrementalScorer(framework, 2025, regions, department);
      const next = random(department.length * 7919);
      let current = values;
      for (let step = 0; step < 60; step++) {
        if (elements.length > 0) {
          const element = elements[Math.floor(next() * elements.length)]!;
          const region = regionCodes[Math.floor(next() * regionCodes.length)]!;
          const copy = { ...(current[element] ?? {}) };
          const roll = next();
          if (roll < 0.15) delete copy[region];
          else if (roll < 0.2) copy[region] = 0;
          else copy[region] = Math.round(next() * 200000) / (roll < 0.6 ? 1 : 7);
          current = { ...current, [element]: copy };
        }
        const live = scorer.score(current, work);
        const full = scoreYear(framework, buildDataset(framework, 2025, regions, current, work));
        const mine = <T extends { department: string }>(list: T[]) =>
          list.filter((item) => item.department === department);
        expect(mine(live.indicators)).toEqual(mine(full.indicators));
        expect(live.loss).toBe(full.departments.find((entry) => entry.code === department)!.loss);
      }
    },
  );

  it("re-scores everything when a work answer changes", () => {
    const { values, work } = departmentInputs("EDU");
    const scorer = new IncrementalScorer(framework, 2025, regions, "EDU");
    const before = scorer.score(values, work);
    const changed: WorkAwards = { ...work, W05: { C1: 0, C2: 0, C3: 0 } };
    const after = scorer.score(values, changed);
    const full = scoreYear(framework, buildDataset(framework, 2025, regions, values, changed));
    expect(after.loss).toBe(full.departments.find((entry) => entry.code === "EDU")!.loss);
    expect(after.loss).toBeGreaterThan(before.loss);
  });

  it("knows what each item is worth: its loss when it earns nothing", () => {
    const scorer = new IncrementalScorer(framework, 2025, regions, "EDU");
    const empty = scoreYear(framework, buildDataset(framework, 2025, regions, {}, {}));
    expect(scorer.worth.get("EDU01")).toBe(empty.indicators.find((i) => i.code === "EDU01")!.loss);
    const total = [...scorer.worth.values()].reduce((sum, share) => sum + share, 0);
    expect(total).toBeCloseTo(0.9, 12);
  });
});
