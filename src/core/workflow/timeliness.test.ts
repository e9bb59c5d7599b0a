import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instant as at, instantAt, msOf } from "../../../test/support/instants";
import { endOfBeijingDayMs } from "./deadline";
import {
  completeness,
  timeliness,
  type CompletenessInput,
  type Timeliness,
  type TimelinessFacts,
} from "./timeliness";

const DUE = "2026-03-10";
/** The last millisecond of 10 March, Beijing time, and the first one after it. */
const DUE_LAST = at("2026-03-10T15:59:59.999Z");
const DUE_OVER = at("2026-03-10T16:00:00.000Z");

function facts(overrides: Partial<TimelinessFacts> = {}): TimelinessFacts {
  return {
    due: DUE,
    exceptionUntil: null,
    firstSubmittedAt: null,
    now: at("2026-03-01T02:00:00Z"),
    ...overrides,
  };
}

const onTime: Timeliness = { status: "on_time", daysLate: null, withinException: false };
const pending: Timeliness = { status: "pending", daysLate: null, withinException: false };
const late = (days: number, withinException = false): Timeliness => ({
  status: "late",
  daysLate: days,
  withinException,
});
const missing = (days: number): Timeliness => ({
  status: "missing",
  daysLate: days,
  withinException: false,
});

describe("a department's timeliness", () => {
  it.each<[string, Partial<TimelinessFacts>, Timeliness]>([
    ["not submitted, before the deadline", {}, pending],
    ["not submitted, in the due day's last millisecond", { now: DUE_LAST }, pending],
    ["not submitted, the deadline just passed", { now: DUE_OVER }, missing(1)],
    ["not submitted, five days on", { now: at("2026-03-15T03:00:00Z") }, missing(5)],
    [
      "not submitted after the deadline, an exception still running",
      { now: at("2026-03-12T03:00:00Z"), exceptionUntil: "2026-03-13" },
      pending,
    ],
    [
      "not submitted, the exception has run out too",
      { now: at("2026-03-13T16:00:00Z"), exceptionUntil: "2026-03-13" },
      missing(4),
    ],
    [
      "not submitted, an exception ending before the due date changes nothing",
      { now: DUE_OVER, exceptionUntil: "2026-03-05" },
      missing(1),
    ],
    [
      "submitted well before",
      { firstSubmittedAt: at("2026-03-09T06:05:00Z"), now: at("2026-03-20T00:00:00Z") },
      onTime,
    ],
    ["submitted in the due day's last millisecond", { firstSubmittedAt: DUE_LAST }, onTime],
    [
      "submitted as the deadline passed (00:00 on the 11th)",
      { firstSubmittedAt: DUE_OVER },
      late(1),
    ],
    [
      "submitted at 23:59 on the 11th, Beijing time",
      { firstSubmittedAt: at("2026-03-11T15:59:00Z") },
      late(1),
    ],
    [
      "submitted at 00:01 on the 12th, Beijing time",
      { firstSubmittedAt: at("2026-03-11T16:01:00Z") },
      late(2),
    ],
    [
      "submitted late within an exception",
      { firstSubmittedAt: at("2026-03-13T09:00:00Z"), exceptionUntil: "2026-03-13" },
      late(3, true),
    ],
    [
      "submitted late after the exception ran out",
      { firstSubmittedAt: at("2026-03-13T16:00:00Z"), exceptionUntil: "2026-03-13" },
      late(4, false),
    ],
    [
      "submitted on time with an exception granted: still on time",
      { firstSubmittedAt: at("2026-03-10T01:00:00Z"), exceptionUntil: "2026-03-13" },
      onTime,
    ],
  ])("%s", (_label, overrides, expected) => {
    expect(timeliness(facts(overrides))).toEqual(expected);
  });

  // Instants from 1 March to 10 April 2026, at any millisecond.
  const instant = fc
    .integer({ min: msOf("2026-03-01T00:00:00Z"), max: msOf("2026-04-10T00:00:00Z") })
    .map(instantAt);
  const day = fc.integer({ min: 1, max: 31 }).map((d) => `2026-03-${String(d).padStart(2, "0")}`);

  it("is on time exactly when the first submission comes before the due day ends", () => {
    fc.assert(
      fc.property(instant, instant, fc.option(day, { nil: null }), (submitted, now, until) => {
        const result = timeliness(
          facts({ firstSubmittedAt: submitted, now, exceptionUntil: until }),
        );
        const inTime = submitted.getTime() < endOfBeijingDayMs(DUE);
        expect(result.status === "on_time").toBe(inTime);
        expect(result.status).toBe(inTime ? "on_time" : "late");
        if (result.status === "late") expect(result.daysLate).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it("never calls a department missing before its last day has ended, nor pending after", () => {
    fc.assert(
      fc.property(instant, fc.option(day, { nil: null }), (now, until) => {
        const result = timeliness(facts({ now, exceptionUntil: until }));
        const last = until !== null && until > DUE ? until : DUE;
        const over = now.getTime() >= endOfBeijingDayMs(last);
        expect(result.status).toBe(over ? "missing" : "pending");
      }),
    );
  });

  it("counts one more day late for each Beijing midnight passed", () => {
    fc.assert(
      fc.property(instant, (submitted) => {
        const first = timeliness(facts({ firstSubmittedAt: submitted }));
        fc.pre(first.status === "late");
        const dayLater = instantAt(submitted.getTime() + 86_400_000);
        const next = timeliness(facts({ firstSubmittedAt: dayLater }));
        expect(next.daysLate).toBe(first.daysLate! + 1);
      }),
    );
  });
});

const REGIONS = ["A", "B"];

function input(overrides: Partial<CompletenessInput> = {}): CompletenessInput {
  return {
    indicators: [],
    workItems: [],
    regions: REGIONS,
    entered: () => undefined,
    evidence: new Set(),
    answered: new Set(),
    ...overrides,
  };
}

const figures = (map: Record<string, string[]>) => (element: string) =>
  map[element] ? new Set(map[element]) : undefined;

describe("a department's completeness", () => {
  const plain = { code: "I1", inputs: ["X", "Y"], requiresEvidence: false };
  const withEvidence = { code: "I2", inputs: ["X"], requiresEvidence: true };

  it.each<[string, Partial<CompletenessInput>, { complete: number; total: number }]>([
    ["no items at all", {}, { complete: 0, total: 0 }],
    [
      "an indicator with every region of every element",
      { indicators: [plain], entered: figures({ X: ["A", "B"], Y: ["A", "B"] }) },
      { complete: 1, total: 1 },
    ],
    [
      "an indicator missing one region",
      { indicators: [plain], entered: figures({ X: ["A", "B"], Y: ["A"] }) },
      { complete: 0, total: 1 },
    ],
    [
      "an element entered only city-wide counts as entered",
      { indicators: [plain], entered: figures({ X: ["city"], Y: ["A", "B"] }) },
      { complete: 1, total: 1 },
    ],
    [
      "a city figure next to a region figure does not fill the other region",
      { indicators: [plain], entered: figures({ X: ["city", "A"], Y: ["A", "B"] }) },
      { complete: 0, total: 1 },
    ],
    [
      "an indicator that reads no element",
      { indicators: [{ code: "I3", inputs: [], requiresEvidence: false }] },
      { complete: 1, total: 1 },
    ],
    [
      "figures in, evidence required but not filed",
      { indicators: [withEvidence], entered: figures({ X: ["A", "B"] }) },
      { complete: 0, total: 1 },
    ],
    [
      "figures in, evidence on the indicator",
      {
        indicators: [withEvidence],
        entered: figures({ X: ["A", "B"] }),
        evidence: new Set(["indicator:I2"]),
      },
      { complete: 1, total: 1 },
    ],
    [
      "figures in, evidence on an element it reads",
      {
        indicators: [withEvidence],
        entered: figures({ X: ["A", "B"] }),
        evidence: new Set(["dataElement:X"]),
      },
      { complete: 1, total: 1 },
    ],
    [
      "evidence on another indicator does not count",
      {
        indicators: [withEvidence],
        entered: figures({ X: ["A", "B"] }),
        evidence: new Set(["indicator:I1"]),
      },
      { complete: 0, total: 1 },
    ],
    [
      "evidence filed but figures missing",
      { indicators: [withEvidence], evidence: new Set(["indicator:I2"]) },
      { complete: 0, total: 1 },
    ],
    [
      "work items: answered and not",
      { workItems: ["W1", "W2"], answered: new Set(["W1", "W9"]) },
      { complete: 1, total: 2 },
    ],
    [
      "a year without regions needs the city figure",
      { regions: [], indicators: [plain], entered: figures({ X: ["city"], Y: ["city"] }) },
      { complete: 1, total: 1 },
    ],
  ])("%s", (_label, overrides, expected) => {
    const result = completeness(input(overrides));
    expect({ complete: result.complete, total: result.total }).toEqual(expected);
    expect(result.share).toBe(expected.total === 0 ? null : expected.complete / expected.total);
  });

  it("gives a share from 0 to 1, and every item complete once its figures, evidence and answers are in", () => {
    const elements = ["X", "Y", "Z"];
    const indicator = fc.record({
      code: fc.constantFrom("I1", "I2", "I3", "I4"),
      inputs: fc.subarray(elements),
      requiresEvidence: fc.boolean(),
    });
    const figureSets = fc.dictionary(fc.constantFrom(...elements), fc.subarray(["A", "B", "city"]));
    const evidence = fc.subarray([
      "indicator:I1",
      "indicator:I3",
      "dataElement:X",
      "dataElement:Z",
    ]);
    fc.assert(
      fc.property(
        fc.array(indicator, { maxLength: 5 }),
        fc.subarray(["W1", "W2", "W3"]),
        figureSets,
        evidence,
        fc.subarray(["W1", "W2", "W3"]),
        (indicators, workItems, entered, filed, answered) => {
          const before = completeness(
            input({ indicators, workItems, entered: figures(entered), evidence: new Set(filed) }),
          );
          const everything = completeness(
            input({
              indicators,
              workItems,
              entered: figures(Object.fromEntries(elements.map((e) => [e, ["A", "B"]]))),
              evidence: new Set([...indicators.map((i) => `indicator:${i.code}`)]),
              answered: new Set(answered.concat(workItems)),
            }),
          );
          expect(before.total).toBe(indicators.length + workItems.length);
          expect(before.complete).toBeGreaterThanOrEqual(0);
          expect(before.complete).toBeLessThanOrEqual(before.total);
          if (before.share !== null) expect(before.share).toBeLessThanOrEqual(1);
          expect(everything.complete).toBe(everything.total);
        },
      ),
    );
  });
});
