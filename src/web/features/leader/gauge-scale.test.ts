import { describe, expect, it } from "vitest";
import { gaugeFloor, gaugeScale } from "./gauge-scale";

const DEMO_GRADES = [
  { name: "优", min: 0.98 },
  { name: "良", min: 0.95 },
  { name: "中", min: 0.85 },
  { name: "差", min: 0 },
];
const COLORS = ["red", "orange", "green", "darkgreen"];

describe("gaugeFloor", () => {
  it.each([
    [0.9388, 0.8],
    [0.81, 0.8],
    [0.79, 0.5],
    [0.3, 0],
  ])("a score of %s starts the gauge at %s", (score, floor) =>
    expect(gaugeFloor(score, DEMO_GRADES)).toBe(floor),
  );
  it("keeps every grade's boundary on the gauge", () =>
    expect(gaugeFloor(0.95, [{ min: 0.6 }, { min: 0 }])).toBe(0.5));
});

describe("gaugeScale", () => {
  it("bands the demo grades from 0.8: 差 to 0.85, 中 to 0.95, 良 to 0.98, 优 to 1", () => {
    const { floor, bands } = gaugeScale(0.9388, DEMO_GRADES, COLORS);
    expect(floor).toBe(0.8);
    expect(bands.map(([stop]) => stop)).toEqual([
      expect.closeTo(0.25, 12),
      expect.closeTo(0.75, 12),
      expect.closeTo(0.9, 12),
      1,
    ]);
    expect(bands.map(([, color]) => color)).toEqual(COLORS);
  });

  it("draws one band for a single grade", () =>
    expect(gaugeScale(0.5, [{ min: 0 }], COLORS).bands).toEqual([[1, "red"]]));
});
