import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DocumentJob } from "../../../contract/api";
import { jobPercent, latestDone, latestOfKind } from "./job-look";

const job = (over: Partial<DocumentJob>): DocumentJob => ({
  id: "j",
  scope: "EDU",
  kind: "volume",
  state: "running",
  stage: "合并辅证材料",
  done: 0,
  total: 0,
  fileName: null,
  size: null,
  sha256: null,
  error: null,
  requestedBy: "edu-clerk",
  createdAt: "2026-03-08T01:00:00.000Z",
  updatedAt: "2026-03-08T01:00:00.000Z",
  ...over,
});

describe("jobPercent", () => {
  it("is the share of steps done, in whole percents", () => {
    expect(jobPercent(job({ done: 3, total: 8 }))).toBe(37);
  });

  it("shows 0 before the job has counted its steps (no NaN from 0/0)", () => {
    expect(jobPercent(job({ state: "queued", done: 0, total: 0 }))).toBe(0);
  });

  it("is 100 only once the server says the job is done", () => {
    expect(jobPercent(job({ done: 8, total: 8 }))).toBe(99);
    expect(jobPercent(job({ state: "done", done: 8, total: 8 }))).toBe(100);
  });

  it("stays a whole number within 0–100 whatever the counts", () => {
    const states = fc.constantFrom<DocumentJob["state"]>("queued", "running", "done", "failed");
    fc.assert(
      fc.property(states, fc.integer(), fc.integer(), (state, done, total) => {
        const percent = jobPercent(job({ state, done, total }));
        expect(Number.isInteger(percent)).toBe(true);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("latestOfKind and latestDone", () => {
  const jobs = [
    job({ id: "p2", kind: "package", state: "running" }),
    job({ id: "v3", state: "failed" }),
    job({ id: "v2", state: "done" }),
    job({ id: "v1", state: "done" }),
  ];

  it("take the first of the kind in the server's newest-first list", () => {
    expect(latestOfKind(jobs, "volume")?.id).toBe("v3");
    expect(latestOfKind(jobs, "package")?.id).toBe("p2");
  });

  it("offer the newest finished file even when a later build failed or runs", () => {
    expect(latestDone(jobs, "volume")?.id).toBe("v2");
    expect(latestDone(jobs, "package")).toBeNull();
  });
});
