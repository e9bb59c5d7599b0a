import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/server-harness";

describe("workflow smoke", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness("sqlite");
  });
  afterAll(() => harness.close());

  it("lists checks for every department", async () => {
    const office = await harness.as("office");
    const overview = await office.get("/api/cycles/2025/departments");
    expect(overview.statusCode).toBe(200);
    for (const d of overview.json().departments) {
      const checks = await office.get(`/api/cycles/2025/departments/${d.code}/checks`);
      console.log(d.code, d.submission.state, checks.statusCode, JSON.stringify(checks.json().checks.map((c: any) => [c.severity, c.message])).slice(0, 600));
    }
  });
});
