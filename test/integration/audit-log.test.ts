import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/server/audit/record";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

interface Page {
  rows: {
    seq: number;
    at: string;
    actor: string;
    action: string;
    objectType: string;
    objectId: string;
    before: unknown;
    after: unknown;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

describe.each(DIALECTS)("reading the audit log on %s", (dialect) => {
  let harness: Harness;
  let auditor: Client;
  const read = async (query = "") => {
    const response = await auditor.get(`/api/audit/log${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };

  /** Rows made on known days, to filter by. */
  async function append(at: string, facts: Parameters<typeof recordAudit>[2]) {
    harness.clock.set(at);
    await harness.deps.repos.transaction((tx) => recordAudit(tx, harness.clock, facts));
  }

  beforeAll(async () => {
    harness = await startHarness(dialect);
    await append("2026-03-02T23:59:59.999Z", {
      actor: "edu-clerk",
      action: "value.set",
      objectType: "data_value",
      objectId: "2025/PRIMARY_ENROLLED/HC",
      before: { value: 1 },
      after: { value: 2 },
    });
    await append("2026-03-03T00:00:00.000Z", {
      actor: "health-clerk",
      action: "value.set",
      objectType: "data_value",
      objectId: "2025/HOSPITAL_BEDS/LM",
      after: { value: 5 },
    });
    await append("2026-03-04T12:00:00.000Z", {
      actor: "edu-clerk",
      action: "work.set",
      objectType: "work_answer",
      objectId: "2025/W05_100%_a",
    });
    harness.clock.set("2026-03-05T08:00:00.000Z");
    auditor = await harness.as("auditor");
  });
  afterAll(() => harness.close());

  it("pages the whole log newest first, with before/after parsed", async () => {
    const head = await harness.deps.repos.audit.head();
    const first = await read("?pageSize=2");
    expect(first).toMatchObject({ total: head.seq, page: 1, pageSize: 2 });
    expect(first.rows.map((row) => row.seq)).toEqual([head.seq, head.seq - 1]);
    const second = await read("?pageSize=2&page=2");
    expect(second.rows.map((row) => row.seq)).toEqual([head.seq - 2, head.seq - 3]);
    const all = await read("?pageSize=200");
    expect(all.rows).toHaveLength(Math.min(200, head.seq));
    const edited = all.rows.find((row) => row.objectId === "2025/PRIMARY_ENROLLED/HC")!;
    expect(edited).toMatchObject({
      actor: "edu-clerk",
      action: "value.set",
      objectType: "data_value",
      before: { value: 1 },
      after: { value: 2 },
    });
    expect(all.rows.find((row) => row.action === "work.set")!.before).toBeNull();
    expect((await read("?page=999")).rows).toEqual([]);
  });

  it("filters by actor, action, object (contains, any case) and days, both ends included", async () => {
    const byActor = await read("?actor=edu-clerk");
    expect(byActor.rows.map((row) => row.action)).toEqual(["work.set", "value.set"]);
    expect(byActor.total).toBe(2);

    const byAction = await read("?action=value.set");
    expect(byAction.rows.map((row) => row.actor)).toEqual(["health-clerk", "edu-clerk"]);

    const byObject = await read("?object=primary_enrolled");
    expect(byObject.rows.map((row) => row.objectId)).toEqual(["2025/PRIMARY_ENROLLED/HC"]);
    // LIKE's wildcards are taken literally.
    expect((await read("?object=100%25")).rows.map((row) => row.objectId)).toEqual([
      "2025/W05_100%_a",
    ]);
    // "_" would match the "/" of 2025/PRIMARY_ENROLLED as a wildcard.
    expect((await read("?object=2025_PRIMARY")).rows).toEqual([]);

    const oneDay = await read("?from=2026-03-03&to=2026-03-03&action=value.set");
    expect(oneDay.rows.map((row) => row.at)).toEqual(["2026-03-03T00:00:00.000Z"]);
    const upTo = await read("?to=2026-03-02&action=value.set");
    expect(upTo.rows.map((row) => row.at)).toEqual(["2026-03-02T23:59:59.999Z"]);
    const combined = await read("?actor=edu-clerk&from=2026-03-03");
    expect(combined).toMatchObject({ total: 1, rows: [{ action: "work.set" }] });
    expect((await read("?to=9999-12-31&action=work.set")).total).toBe(1);
  });

  it("refuses impossible dates and pages", async () => {
    for (const query of [
      "?from=2026-02-30",
      "?to=2026-13-01",
      "?from=yesterday",
      "?page=0",
      "?pageSize=201",
    ]) {
      const response = await auditor.get(`/api/audit/log${query}`);
      expect(response.statusCode, query).toBe(422);
    }
  });

  it("lists the distinct actions, sorted", async () => {
    const response = await auditor.get("/api/audit/actions");
    expect(response.statusCode).toBe(200);
    const { actions } = response.json() as { actions: string[] };
    expect(actions).toEqual([...new Set(actions)].sort());
    expect(actions).toEqual(expect.arrayContaining(["value.set", "work.set", "auth.login"]));
  });

  it("is for the audit readers only", async () => {
    for (const [username, status] of [
      ["admin", 200],
      ["office", 200],
      ["auditor", 200],
      ["leader", 403],
      ["edu-clerk", 403],
    ] as const) {
      const client = await harness.as(username);
      expect((await client.get("/api/audit/log")).statusCode, username).toBe(status);
      expect((await client.get("/api/audit/actions")).statusCode, username).toBe(status);
    }
    expect((await harness.app.inject({ method: "GET", url: "/api/audit/log" })).statusCode).toBe(
      401,
    );
  });
});
