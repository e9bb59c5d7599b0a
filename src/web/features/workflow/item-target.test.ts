import { describe, expect, it } from "vitest";
import { itemName, placeOf, reasonsByItem } from "./item-target";

const items = {
  indicators: [
    { code: "EDU01", name: "入学率", elements: [{ code: "E1", name: "在校人数" }] },
    {
      code: "EDU02",
      name: "巩固率",
      elements: [
        { code: "E1", name: "在校人数" },
        { code: "E2", name: "毕业人数" },
      ],
    },
  ],
  workItems: [{ code: "W05", name: "教育督导" }],
} as unknown as Parameters<typeof placeOf>[1];

describe("placeOf", () => {
  it.each([
    [
      { kind: "indicator", code: "EDU02" },
      { tab: "indicators", cardId: "indicator-EDU02", cellTestId: null },
    ],
    [
      { kind: "workItem", code: "W05" },
      { tab: "work", cardId: "work-W05", cellTestId: null },
    ],
    // A figure read by two indicators is entered in the first one.
    [
      { kind: "dataElement", code: "E1", region: "HC" },
      { tab: "indicators", cardId: "indicator-EDU01", cellTestId: "cell-E1-HC" },
    ],
    [
      { kind: "dataElement", code: "E2" },
      { tab: "indicators", cardId: "indicator-EDU02", cellTestId: null },
    ],
    [{ kind: "indicator", code: "NOPE" }, null],
    [{ kind: "dataElement", code: "NOPE" }, null],
  ] as const)("%j → %j", (target, place) => {
    expect(placeOf(target, items)).toEqual(place);
  });
});

describe("itemName", () => {
  it.each([
    [{ kind: "indicator", code: "EDU01" }, "EDU01 入学率"],
    [{ kind: "workItem", code: "W05" }, "W05 教育督导"],
    [{ kind: "dataElement", code: "E2" }, "E2 毕业人数"],
    [{ kind: "workItem", code: "W99" }, "W99"],
  ] as const)("%j → %s", (item, name) => {
    expect(itemName(item, items)).toBe(name);
  });
});

describe("reasonsByItem", () => {
  it("groups the reasons by item, keeping their order, and tells kinds apart", () => {
    const map = reasonsByItem([
      { item: { kind: "indicator", code: "EDU01" }, reason: "一" },
      { item: { kind: "workItem", code: "EDU01" }, reason: "二" },
      { item: { kind: "indicator", code: "EDU01" }, reason: "三" },
    ]);
    expect(map.get("indicator:EDU01")).toEqual(["一", "三"]);
    expect(map.get("workItem:EDU01")).toEqual(["二"]);
    expect(map.size).toBe(2);
  });
});
