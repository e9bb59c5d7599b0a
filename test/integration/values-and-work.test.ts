import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DepartmentItems } from "../../src/contract/api";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

const VALUE = "/api/cycles/2025/values";
const WORK = "/api/cycles/2025/work";

describe.each(DIALECTS)("saving figures and work answers on %s", (dialect) => {
  let harness: Harness;
  let clerk: Client;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    clerk = await harness.as("edu-clerk");
  });
  afterAll(() => harness.close());

  /** The version of a work item's answer as the clerk's table shows it (0 when unanswered). */
  const workVersion = async (item: string) => {
    const items = (await clerk.get("/api/cycles/2025/items")).json() as DepartmentItems;
    const row = items.workItems.find((candidate) => candidate.code === item);
    if (!row) throw new Error(`${item} is not in the clerk's table`);
    return row.answer?.version ?? 0;
  };

  it("saves a figure with the version it was read at, and keeps its history", async () => {
    const first = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HC`, {
      value: 132_450,
      version: 1,
      note: "据 2025 年教育事业统计年报更正",
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      element: "PRIMARY_ENROLLED",
      region: "HC",
      value: 132_450,
      version: 2,
      updatedBy: "edu-clerk",
    });
    const second = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HC`, { value: 132_460, version: 2 });
    expect(second.json().version).toBe(3);
    const history = await harness.deps.repos.values.history(
      (await harness.deps.repos.cycles.byYear(2025))!.id,
      "PRIMARY_ENROLLED",
      "HC",
    );
    expect(history.map((row) => [Number(row.value), Number(row.version)])).toEqual([
      [132_450, 2],
      [132_460, 3],
    ]);
  });

  it("answers 409 with the current value when the version is stale", async () => {
    const stale = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HC`, { value: 1, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: "conflict",
      current: { value: 132_460, version: 3 },
    });
    expect(stale.json().message).toContain("已被他人修改");
  });

  it("writes a city-wide figure and a first value (version 0)", async () => {
    const health = await harness.as("health-clerk");
    const created = await health.put(`${VALUE}/GP_DOCTORS/city`, { value: 1_700, version: 0 });
    expect(created.statusCode).toBe(200);
    expect(created.json().version).toBe(1);
  });

  it.each([
    [{ value: "abc", version: 1 }, "value: 应为数字，实为文字“abc”"],
    [{ value: 1 }, "version: 缺少此项（必填）"],
    [{ value: 1, version: -1 }, "version: 应 ≥ 0"],
    [{ value: 1, version: 1.5 }, "version: "],
    [{ value: null, version: 1 }, "value: 应为数字"],
  ])("refuses %j with 422 naming the field, in Chinese", async (body, message) => {
    const response = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/BL`, body);
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toContain(message);
    expect(response.json().message).not.toMatch(/Invalid input|expected/);
  });

  it("refuses a figure too large for a double (1e400 reads as Infinity) in the user's language", async () => {
    const send = (lang?: string) =>
      clerk.request({
        method: "PUT",
        url: `${VALUE}/PRIMARY_ENROLLED/BL`,
        headers: {
          "content-type": "application/json",
          ...(lang ? { "accept-language": lang } : {}),
        },
        payload: '{"value":1e400,"version":1}',
      });
    expect((await send()).json()).toMatchObject({
      error: "invalid",
      message: "value: 应为有限的数字",
    });
    expect((await send("en")).json().message).toBe("value: must be a finite number");
  });

  it("answers 404 for an unknown element or region, 403 for another department's element", async () => {
    expect((await clerk.put(`${VALUE}/NOPE/HC`, { value: 1, version: 0 })).statusCode).toBe(404);
    expect(
      (await clerk.put(`${VALUE}/PRIMARY_ENROLLED/ATLANTIS`, { value: 1, version: 0 })).statusCode,
    ).toBe(404);
    const other = await clerk.put(`${VALUE}/HOSPITAL_BEDS/HC`, { value: 1, version: 1 });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain("HOSPITAL_BEDS");
    expect(
      (
        await harness
          .as("leader")
          .then((leader) => leader.put(`${VALUE}/PRIMARY_ENROLLED/HC`, { value: 1, version: 3 }))
      ).statusCode,
    ).toBe(403);
  });

  it("shows the new figure in the department's items, and in the score", async () => {
    const items = await clerk.get("/api/cycles/2025/items?department=EDU");
    expect(items.statusCode).toBe(200);
    const body = items.json();
    const edu01 = body.indicators.find((indicator: { code: string }) => indicator.code === "EDU01");
    const element = edu01.elements.find(
      (candidate: { code: string }) => candidate.code === "PRIMARY_ENROLLED",
    );
    expect(element.values.HC).toMatchObject({ value: 132_460, version: 3, updatedBy: "edu-clerk" });
    expect(
      body.indicators.every((indicator: { department: string }) => indicator.department === "EDU"),
    ).toBe(true);
    expect(body.workItems.every((item: { department: string }) => item.department === "EDU")).toBe(
      true,
    );
    const office = await harness.as("office");
    const score = (await office.get("/api/cycles/2025/score")).json();
    const health03 = score.indicators.find(
      (indicator: { code: string }) => indicator.code === "HEALTH03",
    );
    expect(health03.status).toBe("ok");
  });

  it("records work points per criterion, refusing points above a criterion's", async () => {
    const version = await workVersion("W05");
    const saved = await clerk.put(`${WORK}/W05`, {
      awarded: { C1: 3, C2: 3 },
      explanation: "已逐项核对",
      version,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      itemCode: "W05",
      awarded: { C1: 3, C2: 3 },
      explanation: "已逐项核对",
      version: version + 1,
    });
    const tooMany = await clerk.put(`${WORK}/W05`, { awarded: { C1: 4 }, version: version + 1 });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().message).toContain("awarded.C1");
    expect(tooMany.json().field).toBe("awarded.C1");
    const unknown = await clerk.put(`${WORK}/W05`, { awarded: { C9: 1 }, version: version + 1 });
    expect(unknown.statusCode).toBe(422);
    expect((await clerk.put(`${WORK}/W06`, { awarded: { C1: 1 }, version: 0 })).statusCode).toBe(
      403,
    );
    expect((await clerk.put(`${WORK}/W99`, { awarded: {}, version: 0 })).statusCode).toBe(404);
    const stale = await clerk.put(`${WORK}/W05`, { awarded: { C1: 1 }, version });
    expect(stale.statusCode).toBe(409);
  });

  it("refuses a work answer without a version: 422 naming version, nothing written", async () => {
    const version = await workVersion("W05");
    const missing = await clerk.put(`${WORK}/W05`, { awarded: { C1: 0, C2: 0 } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().message).toContain("version");
    expect(missing.json().issues).toContainEqual(expect.objectContaining({ field: "version" }));
    expect(await workVersion("W05")).toBe(version);
  });

  it("refuses a stale work answer with 409 carrying the stored one, never overwriting it", async () => {
    const version = await workVersion("W05");
    expect(version).toBeGreaterThan(0);
    const stored = (await clerk.put(`${WORK}/W05`, { awarded: { C1: 2, C2: 1 }, version })).json();
    // Another clerk who read the item before that answer, or before any: both are stale.
    for (const seen of [version, 0]) {
      const stale = await clerk.put(`${WORK}/W05`, { awarded: { C1: 0, C2: 0 }, version: seen });
      expect(stale.statusCode, `version ${seen}`).toBe(409);
      expect(stale.json().current).toEqual(stored);
    }
    expect(await workVersion("W05")).toBe(version + 1);
    const items = (await clerk.get("/api/cycles/2025/items")).json() as DepartmentItems;
    const row = items.workItems.find((candidate) => candidate.code === "W05")!;
    expect(row.answer).toEqual(stored);
    expect(row.earned).toBe(3);
  });

  it("refuses writes once the year is closed, saying why, and accepts them again when reopened", async () => {
    const setStatus = (status: "open" | "closed") =>
      harness.db.db.updateTable("cycles").set({ status }).where("year", "=", 2025).execute();
    await setStatus("closed");
    try {
      const locked = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HY`, { value: 85_800, version: 1 });
      expect(locked.statusCode).toBe(423);
      expect(locked.json().message).toContain("已关闭");
      const batch = await Promise.all(
        ["HD", "LM", "DYW"].map((region) =>
          clerk.put(`${VALUE}/PRIMARY_ENROLLED/${region}`, { value: 1, version: 1 }),
        ),
      );
      expect(batch.map((response) => response.statusCode)).toEqual([423, 423, 423]);
      const version = await workVersion("W05");
      expect((await clerk.put(`${WORK}/W05`, { awarded: { C1: 1 }, version })).statusCode).toBe(
        423,
      );
    } finally {
      await setStatus("open");
    }
    const reopened = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HY`, { value: 85_800, version: 1 });
    expect(reopened.statusCode).toBe(200);
  });

  it("keeps the audit chain intact after the writes", async () => {
    const auditor = await harness.as("auditor");
    const verdict = (await auditor.get("/api/audit/verify")).json();
    expect(verdict.intact).toBe(true);
    const actions = await harness.db.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["value.set", "work.set"])
      .execute();
    expect(actions.filter((row) => row.action === "value.set")).toHaveLength(4);
    // The first answer to W05 and the one the stale answers were refused against.
    expect(actions.filter((row) => row.action === "work.set")).toHaveLength(2);
  });
});
