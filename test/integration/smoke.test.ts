import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, startHarness, type Harness } from "../support/server-harness";

describe.each(DIALECTS)("smoke on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(() => harness.close());

  it("scores the seeded demo", async () => {
    const office = await harness.as("office");
    const response = await office.get("/api/cycles/2025/score");
    expect(response.statusCode).toBe(200);
    expect(response.json().score).toBe(0.9388);
  });
});
