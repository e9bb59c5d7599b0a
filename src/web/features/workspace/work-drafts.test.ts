import { describe, expect, it } from "vitest";
import type { WorkAnswer } from "../../../contract/api";
import { awardedOf, draftFromAnswer, workAwards } from "./work-drafts";

const answer: WorkAnswer = {
  itemCode: "W01",
  awarded: { C1: 2, C2: 1 },
  explanation: "已按要求落实",
  version: 3,
  updatedBy: "edu-head",
  updatedAt: "2026-03-01T00:00:00.000Z",
};
const limits = new Map([
  [
    "W01",
    new Map([
      ["C1", 2],
      ["C2", 2],
      ["C3", 1],
    ]),
  ],
  ["W02", new Map([["C1", 3]])],
]);

describe("work drafts", () => {
  it("starts a draft from the stored answer", () => {
    expect(draftFromAnswer(answer)).toEqual({
      awarded: { C1: 2, C2: 1 },
      explanation: "已按要求落实",
    });
    expect(draftFromAnswer(null)).toEqual({ awarded: {}, explanation: "" });
  });

  it("leaves unscored criteria out of the answer", () => {
    expect(awardedOf({ awarded: { C1: 2, C2: null }, explanation: "" })).toEqual({ C1: 2 });
  });

  it("scores the drafts over the saved answers, never points beyond a criterion's", () => {
    const saved = new Map<string, WorkAnswer | null>([
      ["W01", answer],
      ["W02", null],
    ]);
    expect(workAwards(saved, {}, limits)).toEqual({ W01: { C1: 2, C2: 1 } });
    expect(
      workAwards(
        saved,
        {
          W01: { awarded: { C1: 1, C2: 9, C3: 1 }, explanation: "" },
          W02: { awarded: { C1: 3 }, explanation: "" },
          ELSEWHERE: { awarded: { C1: 3 }, explanation: "" },
        },
        limits,
      ),
    ).toEqual({ W01: { C1: 1, C3: 1 }, W02: { C1: 3 } });
  });
});
