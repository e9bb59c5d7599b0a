import { describe, expect, it } from "vitest";
import type { Rule } from "../formats/framework-schema";
import { ratioUnderRule, valueNeeded } from "./rules";

const bandsOutOfOrder: Rule = {
  type: "bands",
  bands: [
    { min: 90, r: 0.8 },
    { min: 100, r: 1 },
    { min: 60, r: 0.4 },
  ],
};

describe("ratioUnderRule", () => {
  it.each<[string, Rule, number, number]>([
    ["ratio below target", { type: "ratio", target: 100 }, 95, 0.95],
    ["ratio exactly at target", { type: "ratio", target: 100 }, 100, 1],
    ["ratio above target is clamped", { type: "ratio", target: 100 }, 130, 1],
    ["ratio of a negative value is clamped", { type: "ratio", target: 100 }, -5, 0],
    ["inverse at target", { type: "inverse", target: 12 }, 12, 1],
    ["inverse under target", { type: "inverse", target: 12 }, 3, 1],
    ["inverse above target", { type: "inverse", target: 12 }, 16, 0.75],
    ["atLeast exactly at target", { type: "atLeast", target: 85 }, 85, 1],
    ["atLeast just below", { type: "atLeast", target: 85 }, 84.999, 0],
    ["atMost exactly at target", { type: "atMost", target: 5 }, 5, 1],
    ["atMost just above", { type: "atMost", target: 5 }, 5.001, 0],
    ["linear midway", { type: "linear", from: 5, to: 15 }, 10, 0.5],
    ["linear at from", { type: "linear", from: 5, to: 15 }, 5, 0],
    ["linear beyond to", { type: "linear", from: 5, to: 15 }, 20, 1],
    ["linear below from", { type: "linear", from: 5, to: 15 }, 0, 0],
    ["descending linear midway", { type: "linear", from: 20, to: 10 }, 12, 0.8],
    ["descending linear past to", { type: "linear", from: 20, to: 10 }, 8, 1],
    ["descending linear before from", { type: "linear", from: 20, to: 10 }, 25, 0],
    ["bands out of order: top band", bandsOutOfOrder, 100, 1],
    ["bands out of order: middle band", bandsOutOfOrder, 95, 0.8],
    ["bands out of order: exactly at a min", bandsOutOfOrder, 90, 0.8],
    ["bands out of order: lowest band", bandsOutOfOrder, 60, 0.4],
    ["bands: below all bands", bandsOutOfOrder, 59.9, 0],
    ["cv at target", { type: "cv", target: 0.1, max: 0.5 }, 0.1, 1],
    ["cv between target and max", { type: "cv", target: 0.1, max: 0.5 }, 0.2, 0.75],
    ["cv at max", { type: "cv", target: 0.1, max: 0.5 }, 0.5, 0],
    ["cv beyond max", { type: "cv", target: 0.1, max: 0.5 }, 0.9, 0],
    ["cv better than target", { type: "cv", target: 0.1, max: 0.5 }, 0.02, 1],
  ])("%s", (_label, rule, value, expected) => {
    expect(ratioUnderRule(rule, value)).toBeCloseTo(expected, 12);
  });
});

describe("ratioUnderRule with figures and parameters at the ends of the doubles", () => {
  const MAX = Number.MAX_VALUE;
  it.each<[string, Rule, number, number]>([
    ["linear across the whole range, midway", { type: "linear", from: -MAX, to: MAX }, 0, 0.5],
    ["linear across the whole range, at to", { type: "linear", from: -MAX, to: MAX }, MAX, 1],
    ["descending linear across the range", { type: "linear", from: MAX, to: -MAX }, MAX / 2, 0.25],
    ["linear with a value far below from", { type: "linear", from: 1e308, to: 1.1e308 }, -MAX, 0],
    ["ratio of the largest figure to a tiny target", { type: "ratio", target: 5e-324 }, MAX, 1],
    ["ratio of the most negative figure", { type: "ratio", target: 5e-324 }, -MAX, 0],
    ["inverse of the largest figure", { type: "inverse", target: 5e-324 }, MAX, 0],
    ["cv far below a huge max", { type: "cv", target: 0, max: MAX }, -MAX, 1],
    ["cv with a subnormal span", { type: "cv", target: 0, max: 5e-324 }, 1, 0],
    ["ratio of -0", { type: "ratio", target: 1 }, -0, 0],
  ])("%s", (_label, rule, value, expected) => {
    const ratio = ratioUnderRule(rule, value);
    expect(Number.isFinite(ratio)).toBe(true);
    expect(ratio).toBeCloseTo(expected, 12);
    expect(Object.is(ratio, -0)).toBe(false);
  });
});

describe("valueNeeded", () => {
  it.each<[string, Rule, number]>([
    ["ratio", { type: "ratio", target: 100 }, 100],
    ["inverse", { type: "inverse", target: 12 }, 12],
    ["atLeast", { type: "atLeast", target: 85 }, 85],
    ["atMost", { type: "atMost", target: 5 }, 5],
    ["linear", { type: "linear", from: 20, to: 10 }, 10],
    ["cv", { type: "cv", target: 0.1, max: 0.5 }, 0.1],
    ["bands: the band with the highest r", bandsOutOfOrder, 100],
    [
      "bands: the lowest min among bands sharing the highest r",
      {
        type: "bands",
        bands: [
          { min: 120, r: 1 },
          { min: 95, r: 1 },
          { min: 50, r: 0.5 },
        ],
      },
      95,
    ],
    [
      "bands whose best r is below 1",
      {
        type: "bands",
        bands: [
          { min: 10, r: 0.6 },
          { min: 0, r: 0.2 },
        ],
      },
      10,
    ],
  ])("%s", (_label, rule, expected) => {
    expect(valueNeeded(rule)).toBe(expected);
  });

  it("is never -0 (JSON would read it back as 0)", () => {
    expect(Object.is(valueNeeded({ type: "atLeast", target: -0 }), 0)).toBe(true);
    expect(Object.is(valueNeeded({ type: "bands", bands: [{ min: -0, r: 1 }] }), 0)).toBe(true);
  });

  it("handles a long list of bands", () => {
    const bands = Array.from({ length: 200_000 }, (_, index) => ({ min: index, r: 0.5 }));
    expect(valueNeeded({ type: "bands", bands })).toBe(0);
  });
});
