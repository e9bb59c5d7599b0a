import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValueRow } from "../../src/server/values/values.repository";
import { DIALECTS, startHarness, type Harness } from "../support/server-harness";

/** The office writing: only the year's state and the owners' hand-ins can lock it. */
const OFFICE_SCOPE = { owners: [] as string[], writerDepartment: null };

describe.each(DIALECTS)("the save batcher on %s", (dialect) => {
  let harness: Harness;
  let cycleId: string;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    cycleId = (await harness.deps.repos.cycles.byYear(2025))!.id;
  });
  afterAll(() => harness.close());

  const row = (overrides: Partial<ValueRow>): ValueRow => ({
    cycle_id: cycleId,
    element_code: "GP_DOCTORS",
    region_code: "HC",
    value: 1,
    note: null,
    version: 1,
    updated_by: "test",
    updated_at: "2026-03-01T02:00:00.000Z",
    ...overrides,
  });

  it("judges saves of one figure in one batch in arrival order", async () => {
    const cycle = { id: cycleId, year: 2025 };
    const results = await Promise.all([
      harness.deps.valueSaves.save({
        row: row({ value: 10, version: 1 }),
        expectedVersion: 0,
        cycle,
        scope: OFFICE_SCOPE,
      }),
      harness.deps.valueSaves.save({
        row: row({ value: 20, version: 2 }),
        expectedVersion: 1,
        cycle,
        scope: OFFICE_SCOPE,
      }),
      harness.deps.valueSaves.save({
        row: row({ value: 30, version: 1 }),
        expectedVersion: 0,
        cycle,
        scope: OFFICE_SCOPE,
      }),
    ]);
    expect(results.map((result) => result.saved)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ saved: false, current: { value: 20, version: 2 } });
    const stored = await harness.deps.repos.values.one(cycleId, "GP_DOCTORS", "HC");
    expect(stored).toMatchObject({ value: 20, version: 2 });
    const history = await harness.deps.repos.values.history(cycleId, "GP_DOCTORS", "HC");
    expect(history.map((entry) => Number(entry.value))).toEqual([10, 20]);
  });

  it("does not let one failing save sink the others in its batch, and writes nothing for it", async () => {
    const cycle = { id: cycleId, year: 2025 };
    const broken = { id: "no-such-cycle", year: 2025 };
    const auditBefore = (await harness.deps.repos.audit.head()).seq;
    const outcomes = await Promise.allSettled([
      harness.deps.valueSaves.save({
        row: row({ region_code: "HY" }),
        expectedVersion: 0,
        cycle,
        scope: OFFICE_SCOPE,
      }),
      harness.deps.valueSaves.save({
        row: row({ cycle_id: broken.id, region_code: "BL" }),
        expectedVersion: 0,
        cycle: broken,
        scope: OFFICE_SCOPE,
      }),
      harness.deps.valueSaves.save({
        row: row({ region_code: "HD" }),
        expectedVersion: 0,
        cycle,
        scope: OFFICE_SCOPE,
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect((await harness.deps.repos.audit.head()).seq).toBe(auditBefore + 2);
    const auditor = await harness.as("auditor");
    expect((await auditor.get("/api/audit/verify")).json()).toMatchObject({ intact: true });
  });
});
