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
});
