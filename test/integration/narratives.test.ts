import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NarrativesDoc } from "../../src/contract/api";
import { DIALECTS, startHarness, type Harness } from "../support/server-harness";
import { auditRows, submitAs, YEAR } from "../support/workflow-helpers";

/**
 * The report's written sections (工作开展情况, 存在问题, 下一步措施): a department writes its
 * own, the office the city's; versions guard against lost updates; every save is audited;
 * a submitted department's sections are locked like its figures.
 */
const url = (scope: string) => `${YEAR}/documents/${scope}/narratives`;

describe.each(DIALECTS)("report narratives on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(() => harness.close());

  it("starts empty, saves a section with its version, and refuses a stale version", async () => {
    const clerk = await harness.as("edu-clerk");
    const empty = (await clerk.get(url("EDU"))).json() as NarrativesDoc;
    expect(empty.editable).toBe(true);
    expect(
      empty.sections.map((section) => [section.section, section.text, section.version]),
    ).toEqual([
      ["work", "", 0],
      ["problems", "", 0],
      ["next", "", 0],
    ]);

    const saved = await clerk.put(url("EDU"), {
      section: "work",
      text: "全市义务教育入学率保持高位。",
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const work = (saved.json() as NarrativesDoc).sections.find((s) => s.section === "work")!;
    expect(work).toMatchObject({
      text: "全市义务教育入学率保持高位。",
      version: 1,
      updatedBy: "edu-clerk",
    });

    const stale = await (
      await harness.as("edu-head")
    ).put(url("EDU"), {
      section: "work",
      text: "覆盖他人的修改",
      version: 0,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    const kept = (await clerk.get(url("EDU"))).json() as NarrativesDoc;
    expect(kept.sections[0]!.text).toBe("全市义务教育入学率保持高位。");

    const rows = await auditRows(await harness.as("office"), "narrative.save");
    expect(rows.some((row) => row.objectId === "2025/EDU/work" && row.actor === "edu-clerk")).toBe(
      true,
    );
  });

  it("keeps another department's and the city's sections out of a department's reach", async () => {
    const health = await harness.as("health-clerk");
    expect((await health.get(url("EDU"))).statusCode).toBe(403);
    expect(
      (await health.put(url("EDU"), { section: "next", text: "x", version: 0 })).statusCode,
    ).toBe(403);
    expect(
      (await health.put(url("city"), { section: "next", text: "x", version: 0 })).statusCode,
    ).toBe(403);
    const leader = await harness.as("leader");
    expect((await leader.get(url("city"))).statusCode).toBe(200);
    expect(
      (await leader.put(url("city"), { section: "next", text: "x", version: 0 })).statusCode,
    ).toBe(403);
    const office = await harness.as("office");
    const city = await office.put(url("city"), {
      section: "problems",
      text: "个别县区数据报送不及时。",
      version: 0,
    });
    expect(city.statusCode, city.body).toBe(200);
  });

  it("locks a department's sections once its head has submitted", async () => {
    const clerk = await harness.as("edu-clerk");
    await submitAs(await harness.as("edu-head"), clerk, "EDU");
    const doc = (await clerk.get(url("EDU"))).json() as NarrativesDoc;
    const locked = await clerk.put(url("EDU"), {
      section: "next",
      text: "报送后再改",
      version: doc.sections[2]!.version,
    });
    expect(locked.statusCode, locked.body).toBe(423);
  });
});
