import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kaoping } from "../cli/run-cli";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

describe.each(DIALECTS)("evaluation years on %s", (dialect) => {
  let harness: Harness;
  let office: Client;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    office = await harness.as("office");
  });
  afterAll(() => harness.close());

  it("lists the seeded years, newest first, with their default deadlines", async () => {
    const clerk = await harness.as("fin-clerk");
    const cycles = (await clerk.get("/api/cycles")).json();
    expect(cycles).toEqual([
      {
        year: 2025,
        status: "open",
        framework: { code: "GD-JBGGFW-2025", name: expect.any(String), version: 1 },
        departmentsDue: "2026-03-10",
        provinceDue: "2026-03-25",
      },
      {
        year: 2024,
        status: "closed",
        framework: { code: "GD-JBGGFW-2025", name: expect.any(String), version: 1 },
        departmentsDue: "2025-03-10",
        provinceDue: "2025-03-25",
      },
    ]);
    const year = (await clerk.get("/api/cycles/2025")).json();
    expect(year.regions.map((region: { code: string }) => region.code)).toEqual([
      "HC",
      "HY",
      "BL",
      "HD",
      "LM",
      "DYW",
      "ZK",
    ]);
    expect((await clerk.get("/api/cycles/2031")).statusCode).toBe(404);
  });

  it("lets the office move the deadlines, checked and audited", async () => {
    const request = (client: Client, payload: unknown) =>
      client.request({ method: "PATCH", url: "/api/cycles/2025", payload: payload as object });
    const moved = await request(office, { departmentsDue: "2026-03-09" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ departmentsDue: "2026-03-09", provinceDue: "2026-03-25" });
    expect((await request(office, { departmentsDue: "2026-02-30" })).statusCode).toBe(422);
    const backwards = await request(office, { departmentsDue: "2026-03-26" });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().message).toContain("不能晚于报省截止");
    expect((await request(office, { departmentsDue: "2026-03-10", extra: 1 })).statusCode).toBe(
      422,
    );
    expect(
      (await request(await harness.as("edu-head"), { departmentsDue: "2026-03-01" })).statusCode,
    ).toBe(403);
    expect((await request(office, { departmentsDue: "2026-03-10" })).statusCode).toBe(200);
    const audit = await harness.db.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "cycle.deadlines")
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.after!)).toEqual({
      departmentsDue: "2026-03-09",
      provinceDue: "2026-03-25",
    });
  });

  it("returns the pinned framework document", async () => {
    const framework = (await office.get("/api/cycles/2025/framework")).json();
    expect(framework).toMatchObject({ format: "kaoping/framework@1", code: "GD-JBGGFW-2025" });
    expect(framework.indicators).toHaveLength(45);
  });

  it("scores the stored data exactly as `kaoping score` scores its export", async () => {
    await (
      await harness.as("edu-clerk")
    ).put("/api/cycles/2025/values/PRIMARY_ENROLLED/LM", { value: 28_400, version: 1 });
    const score = await office.get("/api/cycles/2025/score");
    const exported = await office.get("/api/cycles/2025/export");
    const framework = await office.get("/api/cycles/2025/framework");
    expect([score.statusCode, exported.statusCode, framework.statusCode]).toEqual([200, 200, 200]);
    expect(exported.json()).toMatchObject({
      format: "kaoping/data@1",
      framework: "GD-JBGGFW-2025",
      year: 2025,
    });
    expect(exported.json().values.PRIMARY_ENROLLED.LM).toBe(28_400);

    const dir = mkdtempSync(join(tmpdir(), "kaoping-export-"));
    writeFileSync(join(dir, "framework.json"), framework.body);
    writeFileSync(join(dir, "data.json"), exported.body);
    const run = kaoping([
      "score",
      "--framework",
      join(dir, "framework.json"),
      "--data",
      join(dir, "data.json"),
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(score.json());
  });

  it("gives department users their own items and refuses the city-wide views", async () => {
    const clerk = await harness.as("transport-clerk");
    const own = await clerk.get("/api/cycles/2025/items");
    expect(own.statusCode).toBe(200);
    expect(own.json().department).toBe("TRANSPORT");
    expect((await clerk.get("/api/cycles/2025/items?department=EDU")).statusCode).toBe(403);
    expect((await clerk.get("/api/cycles/2025/score")).statusCode).toBe(403);
    expect((await clerk.get("/api/cycles/2025/export")).statusCode).toBe(403);
    const all = (await office.get("/api/cycles/2025/items")).json();
    expect(all.indicators).toHaveLength(45);
    expect((await office.get("/api/cycles/2025/items?department=NOPE")).statusCode).toBe(404);
  });

  it("describes the API as OpenAPI generated from the schemas", async () => {
    const docs = (await harness.app.inject({ method: "GET", url: "/api/docs" })).json();
    expect(docs.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/me",
        "/api/cycles/{year}/score",
        "/api/cycles/{year}/values/{element}/{region}",
        "/api/audit/verify",
      ]),
    );
    expect(
      docs.paths["/api/cycles/{year}/values/{element}/{region}"].put.requestBody,
    ).toBeDefined();
  });
});
