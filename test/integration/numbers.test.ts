import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CITY, type Framework } from "../../src/core";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

const VALUES = "/api/cycles/2025/values";
const SCORE = "/api/cycles/2025/score";
const HUGE = 1e308;

/** Every number in an answer, with where it is, so a failure names the culprit. */
function numbersIn(value: unknown, path = "score"): { path: string; value: number }[] {
  if (typeof value === "number") return [{ path, value }];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => numbersIn(child, `${path}.${key}`));
}

describe.each(DIALECTS)("figures that cannot break the score on %s", (dialect) => {
  let harness: Harness;
  let office: Client;
  let framework: Framework;
  let cycleId: string;
  let regions: string[];

  beforeAll(async () => {
    harness = await startHarness(dialect);
    office = await harness.as("office");
    const cycle = (await harness.deps.repos.cycles.byYear(2025))!;
    cycleId = cycle.id;
    framework = await harness.deps.pinned.framework(harness.deps.repos, cycle.framework_id);
    regions = (await harness.deps.pinned.regions(harness.deps.repos, cycleId)).map((r) => r.code);
  });
  afterAll(() => harness.close());

  // The chain's head seq is the number of audit rows (the chain verifies in these tests).
  const auditRows = async () => (await harness.deps.repos.audit.head()).seq;

  it.each([
    [
      "edu-clerk",
      "PRIMARY_ENROLLED",
      "HC",
      -5,
      "数值 -5 小于下限 0",
      "value -5 is below the minimum 0",
    ],
    [
      "culture-clerk",
      "TV_COVERAGE",
      "HC",
      100.5,
      "数值 100.5 大于上限 100",
      "value 100.5 is above the maximum 100",
    ],
    [
      "office",
      "TV_COVERAGE",
      CITY,
      HUGE,
      "数值 1e+308 大于上限 100",
      "value 1e+308 is above the maximum 100",
    ],
    ["office", "INPATIENT_REIMB_RATE", "LM", -0.1, "小于下限 0", "below the minimum 0"],
  ])(
    "%s saving %s/%s = %d is refused with 422 naming the bound; nothing stored, no audit row",
    async (username, element, region, value, zh, en) => {
      const client = await harness.as(username);
      const before = await harness.deps.repos.values.one(cycleId, element, region);
      const history = await harness.deps.repos.values.history(cycleId, element, region);
      const audit = await auditRows();
      const url = `${VALUES}/${element}/${region}`;
      const body = { value, version: before?.version ?? 0 };

      const refused = await client.put(url, body);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ error: "invalid" });
      expect(refused.json().message).toContain(zh);
      expect(refused.json().message).toContain(element);
      const english = await client.request({
        method: "PUT",
        url,
        payload: body,
        headers: { "accept-language": "en" },
      });
      expect(english.statusCode).toBe(422);
      expect(english.json().message).toContain(en);

      expect(await harness.deps.repos.values.one(cycleId, element, region)).toEqual(before);
      expect(await harness.deps.repos.values.history(cycleId, element, region)).toEqual(history);
      expect(await auditRows()).toBe(audit);
    },
  );

  it("accepts a figure exactly at its bounds", async () => {
    const before = await harness.deps.repos.values.one(cycleId, "TV_COVERAGE", "HD");
    const saved = await office.put(`${VALUES}/TV_COVERAGE/HD`, {
      value: 100,
      version: before!.version,
    });
    expect(saved.statusCode).toBe(200);
  });

  it("a figure of 1e308 in every element, region and the city leaves the score at 200, finite", async () => {
    const everywhere = [...regions, CITY];
    const current = new Map(
      (await harness.deps.repos.values.forCycle(cycleId)).map((row) => [
        `${row.element_code}/${row.region_code}`,
        row.version,
      ]),
    );
    const throughApi: string[] = [];
    const storedBefore: string[] = [];
    for (const [code, element] of framework.elements) {
      const allowed =
        (element.max === undefined || HUGE <= element.max) && !(HUGE < (element.min ?? -Infinity));
      (allowed ? throughApi : storedBefore).push(code);
    }
    // The demo bounds its two percentages; every count and amount takes 1e308.
    expect(storedBefore.sort()).toEqual(["INPATIENT_REIMB_RATE", "TV_COVERAGE"]);

    const saves = throughApi.flatMap((code) =>
      everywhere.map((region) => ({
        code,
        region,
        version: current.get(`${code}/${region}`) ?? 0,
      })),
    );
    for (let start = 0; start < saves.length; start += 50) {
      const answers = await Promise.all(
        saves
          .slice(start, start + 50)
          .map(({ code, region, version }) =>
            office.put(`${VALUES}/${code}/${region}`, { value: HUGE, version }),
          ),
      );
      for (const answer of answers) expect(answer.statusCode, answer.body).toBe(200);
    }

    // Figures a framework without bounds accepted, before these bounds existed.
    const db = harness.db.db;
    await db
      .deleteFrom("data_values")
      .where("cycle_id", "=", cycleId)
      .where("element_code", "in", storedBefore)
      .execute();
    await db
      .insertInto("data_values")
      .values(
        storedBefore.flatMap((code) =>
          everywhere.map((region) => ({
            cycle_id: cycleId,
            element_code: code,
            region_code: region,
            value: HUGE,
            note: null,
            version: 1,
            updated_by: "office",
            updated_at: "2026-03-01T02:00:00.000Z",
          })),
        ),
      )
      .execute();
    const stored = await sql<{
      n: number;
    }>`select count(*) as n from data_values where cycle_id = ${cycleId} and value = ${HUGE}`.execute(
      db,
    );
    expect(Number(stored.rows[0]!.n)).toBe(framework.elements.size * everywhere.length);

    for (const username of ["office", "leader"]) {
      const client = username === "office" ? office : await harness.as(username);
      const answer = await client.get(SCORE);
      expect(answer.statusCode, answer.body).toBe(200);
      const score = answer.json();
      expect(numbersIn(score).filter(({ value }) => !Number.isFinite(value))).toEqual([]);
      expect(score.indicators.length).toBe(framework.indicators.length);
      // 1e308 / 1e308 is an ordinary 100; 1e308 × 10000 overflows and is an error.
      const byCode = new Map(score.indicators.map((item: { code: string }) => [item.code, item]));
      expect(byCode.get("EDU01")).toMatchObject({ status: "ok", value: 100 });
      expect(byCode.get("MEDICAL02")).toMatchObject({ status: "error", value: null });
    }
  });
});
