import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/**
 * Optimistic concurrency under real races: requests sent together with Promise.all.
 * On PostgreSQL they run as concurrent transactions on separate pooled connections;
 * on SQLite they queue on the one connection, the serialized path.
 */

const YEAR = "/api/cycles/2025";
const ROUNDS = 20;

interface Saved {
  value: number;
  version: number;
  note: string | null;
  updatedBy: string;
}

interface Conflict {
  error: string;
  message: string;
  current: { value: number | null; version: number; updatedBy?: string };
}

interface ExportDoc {
  values: Record<string, Record<string, number>>;
}

/** The one 200 and the one 409 of a two-way race, or a failed expectation. */
function splitRace(responses: LightMyRequestResponse[]) {
  expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
  const winner = responses.find((response) => response.statusCode === 200)!;
  const loser = responses.find((response) => response.statusCode === 409)!;
  return { winner: winner.json() as Saved, loser: loser.json() as Conflict };
}

describe.each(DIALECTS)("concurrent saves on %s", (dialect) => {
  let harness: Harness;
  let clerk: Client;
  let head: Client;
  let office: Client;
  let cycleId: string;

  const exported = async () => (await office.get(`${YEAR}/export`)).json() as ExportDoc;
  const history = (element: string, region: string) =>
    harness.deps.repos.values.history(cycleId, element, region);
  const auditRows = (objectId: string) =>
    harness.db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("object_id", "=", objectId)
      .orderBy("seq")
      .execute();
  const storedVersion = async (element: string, region: string) =>
    (await harness.deps.repos.values.one(cycleId, element, region))?.version ?? 0;

  beforeAll(async () => {
    harness = await startHarness(dialect);
    clerk = await harness.as("edu-clerk");
    head = await harness.as("edu-head");
    office = await harness.as("office");
    cycleId = (await harness.deps.repos.cycles.byYear(2025))!.id;
  });
  afterAll(() => harness.close());

  it(`two clerks saving the same version: one 200 and one 409, ${ROUNDS} rounds in a row`, async () => {
    const [element, region] = ["PRIMARY_ENROLLED", "HC"];
    const url = `${YEAR}/values/${element}/${region}`;
    const historyBefore = (await history(element, region)).length;
    const auditBefore = (await auditRows(`2025/${element}/${region}`)).length;
    const startVersion = await storedVersion(element, region);
    const winners: Saved[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const version = startVersion + round;
      const { winner, loser } = splitRace(
        await Promise.all([
          clerk.put(url, { value: 100_000 + round, version, note: `clerk ${round}` }),
          head.put(url, { value: 200_000 + round, version, note: `head ${round}` }),
        ]),
      );
      const expectedValue = winner.updatedBy === "edu-clerk" ? 100_000 + round : 200_000 + round;
      expect(winner).toMatchObject({ value: expectedValue, version: version + 1 });
      // The loser is told what is stored now, so it can start again from there.
      expect(loser).toMatchObject({
        error: "conflict",
        current: { value: winner.value, version: version + 1, updatedBy: winner.updatedBy },
      });
      expect(loser.message).toContain("已被他人修改");
      winners.push(winner);
    }

    const last = winners[winners.length - 1]!;
    expect((await exported()).values[element]![region]).toBe(last.value);
    expect(await storedVersion(element, region)).toBe(startVersion + ROUNDS);

    const rows = (await history(element, region)).slice(historyBefore);
    expect(rows.map((row) => [Number(row.value), Number(row.version), row.changed_by])).toEqual(
      winners.map((winner) => [winner.value, winner.version, winner.updatedBy]),
    );
    const audit = (await auditRows(`2025/${element}/${region}`)).slice(auditBefore);
    expect(audit.map((row) => [row.action, row.actor, JSON.parse(row.after!)])).toEqual(
      winners.map((winner) => [
        "value.set",
        winner.updatedBy,
        { value: winner.value, note: winner.note, version: winner.version },
      ]),
    );
  });

  it("a first value raced on keys with no value (version 0): one 200 and one 409 per key", async () => {
    // The demo has no GP_DOCTORS figures at all, and no city-wide figure for it.
    const element = "GP_DOCTORS";
    const regions = ["HC", "HY", "BL", "HD", "LM", "DYW", "ZK", "city"];
    expect((await exported()).values[element]).toBeUndefined();
    const healthClerk = await harness.as("health-clerk");
    const healthHead = await harness.as("health-head");

    for (const [index, region] of regions.entries()) {
      const url = `${YEAR}/values/${element}/${region}`;
      const { winner, loser } = splitRace(
        await Promise.all([
          healthClerk.put(url, { value: 10 + index, version: 0, note: "clerk" }),
          healthHead.put(url, { value: 20 + index, version: 0, note: "head" }),
        ]),
      );
      expect(winner.version).toBe(1);
      expect(loser.current).toMatchObject({ value: winner.value, version: 1 });
      expect((await exported()).values[element]![region]).toBe(winner.value);
      expect((await history(element, region)).map((row) => Number(row.value))).toEqual([
        winner.value,
      ]);
      const audit = await auditRows(`2025/${element}/${region}`);
      expect(audit.map((row) => [row.actor, JSON.parse(row.before ?? "null")])).toEqual([
        [winner.updatedBy, null],
      ]);
    }
  });

  it("six writers on one version: exactly one 200, five 409", async () => {
    const [element, region] = ["JUNIOR_GRAD", "BL"];
    const url = `${YEAR}/values/${element}/${region}`;
    const writers = [
      clerk,
      head,
      office,
      await harness.as("admin"),
      await harness.as("edu-clerk"),
      await harness.as("edu-head"),
    ];
    const version = await storedVersion(element, region);
    const historyBefore = (await history(element, region)).length;
    const responses = await Promise.all(
      writers.map((writer, index) => writer.put(url, { value: 500 + index, version })),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);
    const winner = responses.find((response) => response.statusCode === 200)!.json() as Saved;
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect((response.json() as Conflict).current).toMatchObject({
        value: winner.value,
        version: version + 1,
      });
    }
    expect((await history(element, region)).length).toBe(historyBefore + 1);
    expect((await exported()).values[element]![region]).toBe(winner.value);
  });

  it("saves of different figures at the same time all succeed, each audited once", async () => {
    const keys = ["HC", "HY", "BL", "HD", "LM", "DYW", "ZK"].flatMap((region) =>
      ["PRESCHOOL_ENROLLED", "SCHOOLS_STANDARD"].map((element) => ({ element, region })),
    );
    const versions = await Promise.all(keys.map((key) => storedVersion(key.element, key.region)));
    const headBefore = await harness.deps.repos.audit.head();
    const responses = await Promise.all(
      keys.map((key, index) =>
        (index % 2 === 0 ? clerk : head).put(`${YEAR}/values/${key.element}/${key.region}`, {
          value: 7_000 + index,
          version: versions[index],
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(keys.map(() => 200));
    // One audit row per save, on consecutive seqs after the old head: the chain did not fork.
    const headAfter = await harness.deps.repos.audit.head();
    expect(headAfter.seq).toBe(headBefore.seq + keys.length);
    const appended = await harness.db.db
      .selectFrom("audit_log")
      .select(["seq", "object_id"])
      .where("seq", ">", headBefore.seq)
      .orderBy("seq")
      .execute();
    expect(appended.map((row) => Number(row.seq))).toEqual(
      keys.map((_, index) => headBefore.seq + 1 + index),
    );
    expect(appended.map((row) => row.object_id).sort()).toEqual(
      keys.map((key) => `2025/${key.element}/${key.region}`).sort(),
    );
  });

  it(`two clerks answering a work item with the same version: one 200, one 409, ${ROUNDS / 2} rounds`, async () => {
    const url = `${YEAR}/work/W05`;
    const current = async () => (await harness.deps.repos.work.one(cycleId, "W05"))!;
    const auditBefore = (await auditRows("2025/W05")).length;
    for (let round = 0; round < ROUNDS / 2; round++) {
      const { version } = await current();
      const responses = await Promise.all([
        clerk.put(url, { awarded: { C1: 1, C2: round % 4 }, version }),
        head.put(url, { awarded: { C1: 2, C2: round % 4 }, version }),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
      const winner = responses.find((response) => response.statusCode === 200)!.json();
      const loser = responses.find((response) => response.statusCode === 409)!.json();
      expect(winner.version).toBe(version + 1);
      expect(loser.current).toMatchObject({ awarded: winner.awarded, version: version + 1 });
      expect((await current()).awarded).toEqual(winner.awarded);
    }
    expect((await auditRows("2025/W05")).length).toBe(auditBefore + ROUNDS / 2);
  });

  it("leaves the audit chain intact after all the races", async () => {
    const auditor = await harness.as("auditor");
    const response = await auditor.get("/api/audit/verify");
    expect(response.statusCode).toBe(200);
    const verdict = response.json();
    expect(verdict).toMatchObject({ intact: true });
    expect(verdict.rows).toBe(verdict.headSeq);
    expect(verdict.headSeq).toBe((await harness.deps.repos.audit.head()).seq);
  });
});
