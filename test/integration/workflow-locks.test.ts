import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sm3Hex } from "../../src/server/ids";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";
import { departmentUrl, submitAs, uploadEvidence, YEAR } from "../support/workflow-helpers";

/**
 * The lock rule at every write path: figures saved and cleared, work answers, evidence
 * uploaded and removed. Each phase below moves the year on (submit, return, the deadline,
 * exceptions, aggregation, reopen) and then tries every write as each account.
 */

interface Resource {
  department: string;
  /** A data element only this department's indicators read; its city figure is the one written. */
  element: string;
  workItem: string;
  criterion: string;
  indicator: string;
}

const EDU: Resource = {
  department: "EDU",
  element: "PRIMARY_ENROLLED",
  workItem: "W05",
  criterion: "C1",
  indicator: "EDU01",
};
const HEALTH: Resource = {
  department: "HEALTH",
  element: "HOSPITAL_BEDS",
  workItem: "W06",
  criterion: "C1",
  indicator: "HEALTH01",
};

const WRITES = [
  "save figure",
  "clear figure",
  "answer work",
  "upload evidence",
  "remove evidence",
] as const;
type Write = (typeof WRITES)[number];

describe.each(DIALECTS)("workflow locks on %s", (dialect) => {
  let harness: Harness;
  let cycleId = "";
  const clients = new Map<string, Client>();
  /** Per account: an evidence file it uploaded while it could, to try removing later. */
  const spareFile = new Map<string, string>();
  let nextValue = 1;

  const as = (username: string) => clients.get(username)!;
  /** Sessions idle out when the clock jumps: every account signs in again. */
  async function signInAll() {
    for (const username of ["office", "edu-clerk", "edu-head", "health-clerk", "health-head"]) {
      clients.set(username, await harness.as(username));
    }
  }
  async function setClock(iso: string) {
    harness.clock.set(iso);
    await signInAll();
  }

  async function figureVersion(resource: Resource, year = 2025): Promise<number> {
    const id = year === 2025 ? cycleId : await cycleIdOf(year);
    const row = await harness.db.db
      .selectFrom("data_values")
      .select("version")
      .where("cycle_id", "=", id)
      .where("element_code", "=", resource.element)
      .where("region_code", "=", "city")
      .executeTakeFirst();
    return row ? Number(row.version) : 0;
  }
  async function workVersion(resource: Resource): Promise<number> {
    const row = await harness.db.db
      .selectFrom("work_answers")
      .select("version")
      .where("cycle_id", "=", cycleId)
      .where("item_code", "=", resource.workItem)
      .executeTakeFirst();
    return row ? Number(row.version) : 0;
  }
  async function cycleIdOf(year: number): Promise<string> {
    return (await harness.deps.repos.cycles.list()).find((cycle) => cycle.year === year)!.id;
  }

  async function attempt(
    username: string,
    resource: Resource,
    write: Write,
  ): Promise<LightMyRequestResponse> {
    const client = as(username);
    const figure = `${YEAR}/values/${resource.element}/city`;
    switch (write) {
      case "save figure":
        return client.put(figure, {
          value: 1000 + nextValue++,
          version: await figureVersion(resource),
        });
      case "clear figure":
        return client.request({
          method: "DELETE",
          url: `${figure}?version=${await figureVersion(resource)}`,
        });
      case "answer work":
        return client.put(`${YEAR}/work/${resource.workItem}`, {
          awarded: { [resource.criterion]: nextValue++ % 2 },
          version: await workVersion(resource),
        });
      case "upload evidence":
        return uploadEvidence(client, "indicator", resource.indicator);
      case "remove evidence":
        return client.request({
          method: "DELETE",
          url: `${YEAR}/evidence/${spareFile.get(`${username}/${resource.department}`)}`,
        });
    }
  }

  /** Every write succeeds, leaving a city figure and a spare file in place for the next phase. */
  async function expectWritable(username: string, resource: Resource) {
    const expect2xx = (response: LightMyRequestResponse, write: string) =>
      expect(response.statusCode, `${username} ${write}: ${response.body}`).toBeLessThan(300);
    expect2xx(await attempt(username, resource, "save figure"), "save figure");
    expect2xx(await attempt(username, resource, "clear figure"), "clear figure");
    expect2xx(await attempt(username, resource, "save figure"), "save figure again");
    expect2xx(await attempt(username, resource, "answer work"), "answer work");
    const uploaded = await attempt(username, resource, "upload evidence");
    expect2xx(uploaded, "upload evidence");
    if (spareFile.has(`${username}/${resource.department}`)) {
      expect2xx(await attempt(username, resource, "remove evidence"), "remove evidence");
    }
    spareFile.set(`${username}/${resource.department}`, (uploaded.json() as { id: string }).id);
  }

  /** Every write is refused with 423 and the lock's kind, and nothing stored changes. */
  async function expectLocked(
    username: string,
    resource: Resource,
    kind: string,
    extra: Record<string, unknown> = {},
  ) {
    for (const write of WRITES) {
      const before = await storedState(resource);
      const response = await attempt(username, resource, write);
      expect(response.statusCode, `${username} ${write}: ${response.body}`).toBe(423);
      expect(response.json().lock, `${username} ${write}`).toMatchObject({ kind, ...extra });
      expect(response.json().message).toBeTruthy();
      expect(await storedState(resource), `${username} ${write} changed data`).toEqual(before);
    }
  }

  async function storedState(resource: Resource) {
    const evidence = await harness.db.db
      .selectFrom("evidence")
      .select("id")
      .where("cycle_id", "=", cycleId)
      .where("department_code", "=", resource.department)
      .orderBy("id")
      .execute();
    return {
      figure: await figureVersion(resource),
      work: await workVersion(resource),
      evidence: evidence.map((row) => row.id),
    };
  }

  beforeAll(async () => {
    harness = await startHarness(dialect);
    cycleId = await cycleIdOf(2025);
    await signInAll();
  });
  afterAll(() => harness.close());

  it("before anything is submitted, the department and the office write freely", async () => {
    for (const username of ["edu-clerk", "edu-head", "office"]) await expectWritable(username, EDU);
  });

  it("after the head submits, everyone gets 423 submitted — the office too", async () => {
    await submitAs(as("edu-head"), as("edu-clerk"), "EDU");
    for (const username of ["edu-clerk", "edu-head", "office"]) {
      await expectLocked(username, EDU, "submitted", { department: "EDU" });
    }
    // Another department's own data stays writable, for it and for the office.
    for (const username of ["health-clerk", "health-head", "office"]) {
      await expectWritable(username, HEALTH);
    }
  });

  it("the certificate's digest is SM3 of the snapshot and of the data rebuilt now", async () => {
    const certificate = (await as("office").get(`${departmentUrl("EDU")}/certificate`)).json();
    expect(certificate.digest).toBe(sm3Hex(Buffer.from(certificate.snapshot, "utf8")));
    expect(certificate.snapshotDigest).toBe(certificate.digest);
    expect(certificate.currentDigest).toBe(certificate.digest);
    expect(certificate.matches).toBe(true);
    expect(JSON.parse(certificate.snapshot)).toMatchObject({ department: "EDU" });
  });

  it("a value changed behind the server's back makes the certificate not match", async () => {
    const db = harness.db.db;
    const target = { element: "PRIMARY_ENROLLED", region: "HC" };
    const where = sql`cycle_id = ${cycleId} and element_code = ${target.element} and region_code = ${target.region}`;
    await sql`update data_values set value = value + 1 where ${where}`.execute(db);
    try {
      const certificate = (await as("office").get(`${departmentUrl("EDU")}/certificate`)).json();
      expect(certificate.matches).toBe(false);
      expect(certificate.snapshotDigest).toBe(certificate.digest);
      expect(certificate.currentDigest).not.toBe(certificate.digest);
    } finally {
      await sql`update data_values set value = value - 1 where ${where}`.execute(db);
    }
    const restored = (await as("office").get(`${departmentUrl("EDU")}/certificate`)).json();
    expect(restored.matches).toBe(true);
  });

  it("after the office returns it, the department and the office write again", async () => {
    const returned = await as("office").post(`${departmentUrl("EDU")}/return`, {
      reasons: [{ item: { kind: "indicator", code: EDU.indicator }, reason: "辅证材料不清晰" }],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    for (const username of ["edu-clerk", "edu-head", "office"]) await expectWritable(username, EDU);
  });

  it("once accepted everyone gets 423 accepted; a reopen lets them write again", async () => {
    await submitAs(as("edu-head"), as("edu-clerk"), "EDU");
    const accepted = await as("office").post(`${departmentUrl("EDU")}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    for (const username of ["edu-clerk", "edu-head", "office"]) {
      await expectLocked(username, EDU, "accepted", { department: "EDU" });
    }
    const reopened = await as("office").post(`${departmentUrl("EDU")}/reopen`, {
      reason: "复核发现口径问题",
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    for (const username of ["edu-clerk", "edu-head", "office"]) await expectWritable(username, EDU);
  });

  it("after the deadline a draft department is locked, the office and a returned one are not", async () => {
    await setClock("2026-03-10T16:00:00.000Z");
    for (const username of ["health-clerk", "health-head"]) {
      await expectLocked(username, HEALTH, "deadline", { department: "HEALTH", due: "2026-03-10" });
    }
    await expectWritable("office", HEALTH);
    for (const username of ["edu-clerk", "edu-head"]) await expectWritable(username, EDU);
  });

  it("an exception opens a draft department until its day ends", async () => {
    await setClock("2026-03-11T01:00:00.000Z");
    const granted = await as("office").post(`${YEAR}/lock-exceptions`, {
      department: "HEALTH",
      until: "2026-03-12",
      reason: "系统故障，延期两天",
    });
    expect(granted.statusCode, granted.body).toBe(200);
    await expectWritable("health-clerk", HEALTH);
    await setClock("2026-03-12T15:59:00.000Z");
    await expectWritable("health-head", HEALTH);
    await setClock("2026-03-12T16:00:00.000Z");
    await expectLocked("health-clerk", HEALTH, "deadline", { department: "HEALTH" });
  });

  it("a revoked exception stops at once", async () => {
    const granted = await as("office").post(`${YEAR}/lock-exceptions`, {
      department: "HEALTH",
      until: "2026-03-14",
      reason: "补报材料",
    });
    expect(granted.statusCode, granted.body).toBe(200);
    await expectWritable("health-clerk", HEALTH);
    const revoked = await as("office").request({
      method: "DELETE",
      url: `${YEAR}/lock-exceptions/${(granted.json() as { id: string }).id}`,
    });
    expect(revoked.statusCode, revoked.body).toBe(204);
    await expectLocked("health-clerk", HEALTH, "deadline", { department: "HEALTH" });
    const detail = (await as("health-clerk").get(`${departmentUrl("HEALTH")}/submission`)).json();
    expect(detail.lock).toMatchObject({ kind: "deadline" });
    expect(detail.exception).toBeNull();
  });

  it("an aggregated year is locked for everyone, the office included, until it is reopened", async () => {
    const aggregated = await as("office").post(`${YEAR}/aggregate`, {
      overrideReason: "省里催报，先行汇总",
    });
    expect(aggregated.statusCode, aggregated.body).toBe(200);
    for (const username of ["edu-clerk", "edu-head", "office"]) {
      await expectLocked(username, EDU, "aggregated");
    }
    await expectLocked("office", HEALTH, "aggregated");

    const snapshot = (await as("office").get(`${YEAR}/snapshot`)).json();
    expect(snapshot.digest).toBe(sm3Hex(Buffer.from(snapshot.snapshot, "utf8")));
    expect(snapshot.currentDigest).toBe(snapshot.digest);
    expect(snapshot.matches).toBe(true);
    expect(snapshot.overrideReason).toBe("省里催报，先行汇总");

    const db = harness.db.db;
    const where = sql`cycle_id = ${cycleId} and element_code = ${"HOSPITAL_BEDS"} and region_code = ${"HC"}`;
    await sql`update data_values set value = value + 7 where ${where}`.execute(db);
    try {
      const tampered = (await as("office").get(`${YEAR}/snapshot`)).json();
      expect(tampered.matches).toBe(false);
      expect(tampered.currentDigest).not.toBe(tampered.digest);
    } finally {
      await sql`update data_values set value = value - 7 where ${where}`.execute(db);
    }

    const reopened = await as("office").post(`${YEAR}/reopen`, { reason: "更正卫生数据" });
    expect(reopened.statusCode, reopened.body).toBe(204);
    for (const username of ["edu-clerk", "office"]) await expectWritable(username, EDU);
    await expectLocked("health-clerk", HEALTH, "deadline");
  });

  it("a closed year is locked for everyone with kind closed", async () => {
    const id = await cycleIdOf(2024);
    const row = await harness.db.db
      .selectFrom("data_values")
      .select(["element_code", "region_code", "version"])
      .where("cycle_id", "=", id)
      .where("element_code", "=", EDU.element)
      .executeTakeFirstOrThrow();
    for (const username of ["office", "edu-clerk"]) {
      const response = await as(username).put(
        `/api/cycles/2024/values/${row.element_code}/${row.region_code}`,
        { value: 1, version: Number(row.version) },
      );
      expect(response.statusCode, response.body).toBe(423);
      expect(response.json().lock).toMatchObject({ kind: "closed" });
    }
  });
});
