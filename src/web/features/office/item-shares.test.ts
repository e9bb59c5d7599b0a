import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FrameworkDocument } from "../../../contract/api";
import { loadDataText, loadFrameworkText, scoreYear } from "../../../core";
import { itemShares, partShares } from "./item-shares";

const read = (name: string) => readFileSync(`content/demo/${name}`, "utf8");
const { framework } = loadFrameworkText(read("framework.yaml"), "framework.yaml");
const doc = framework.doc as FrameworkDocument;

describe("itemShares", () => {
  it("gives each part's share to its items in proportion to weight or points", () => {
    const shares = itemShares(doc);
    const parts = partShares(doc);
    const indicatorSum = doc.indicators.reduce((sum, item) => sum + shares.get(item.code)!, 0);
    const workSum = doc.workItems.reduce((sum, item) => sum + shares.get(item.code)!, 0);
    expect(indicatorSum).toBeCloseTo(parts.get("IND")!, 12);
    expect(workSum).toBeCloseTo(parts.get("WORK")!, 12);
    expect(parts.get("IND")).toBeCloseTo(0.6, 12);
  });

  it("bounds every item's loss in the core's score: loss = share × (1 − r)", () => {
    const shares = itemShares(doc);
    const result = scoreYear(framework, loadDataText(read("huizhou-2025.yaml"), "d", framework));
    for (const indicator of result.indicators) {
      expect(indicator.loss).toBeCloseTo(shares.get(indicator.code)! * (1 - indicator.ratio), 12);
    }
    for (const item of result.workItems) {
      const share = shares.get(item.code)!;
      expect(item.loss).toBeCloseTo(share * (1 - item.earned / item.points), 12);
    }
  });
});
