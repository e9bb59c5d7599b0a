import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DepartmentOverview, DepartmentsOverview } from "../../src/contract/api";
import type { ScoreReport } from "../../src/contract/score-report";
import { parseDocumentText, type FrameworkDoc } from "../../src/core";
import { demoFiles } from "../../src/platform/package-files";
import { createCycle } from "../../src/server/cycles/create-cycle";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

const YEAR = "/api/cycles/2025";

/** The demo framework, read from the file the harness seeds from. */
const FRAMEWORK = (() => {
  const file = demoFiles().framework;
  return parseDocumentText(readFileSync(file, "utf8"), file) as FrameworkDoc;
})();

/** A small PDF, different each time. */
const pdf = () => Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString("hex")}\n%%EOF\n`);

function evidenceForm(targetKind: string, targetCode: string) {
  const boundary = `----kaoping-${randomBytes(8).toString("hex")}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(field("targetKind", targetKind) + field("targetCode", targetCode)),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
          "Content-Type: application/pdf\r\n\r\n",
      ),
      pdf(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(DIALECTS)("the departments' progress on %s", (dialect) => {
  let harness: Harness;
  let office: Client;
  let clerk: Client;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    office = await harness.as("office");
    clerk = await harness.as("edu-clerk");
  });
  afterAll(() => harness.close());

  const overview = async (client: Client, year = 2025) => {
    const response = await client.get(`/api/cycles/${year}/departments`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DepartmentsOverview;
  };
  const department = async (code: string, client: Client = office) =>
    (await overview(client)).departments.find((row) => row.code === code)!;
  const versionOf = async (element: string, region: string) => {
    const exported = await office.get(`${YEAR}/items`);
    const items = exported.json() as {
      indicators: { elements: { code: string; values: Record<string, { version: number }> }[] }[];
    };
    for (const indicator of items.indicators) {
      const found = indicator.elements.find((candidate) => candidate.code === element);
      if (found) return found.values[region]?.version ?? 0;
    }
    throw new Error(`no indicator reads ${element}`);
  };

  it("lists every department of the framework, in its order, with its items", async () => {
    const { year, departments } = await overview(office);
    expect(year).toBe(2025);
    expect(departments.map((row) => [row.code, row.name])).toEqual(
      FRAMEWORK.departments.map((row) => [row.code, row.name]),
    );
    for (const row of departments) {
      expect(row.indicatorCount, row.code).toBe(
        FRAMEWORK.indicators.filter((item) => item.department === row.code).length,
      );
      expect(row.workItemCount, row.code).toBe(
        FRAMEWORK.workItems.filter((item) => item.department === row.code).length,
      );
    }
    for (const reader of ["leader", "auditor", "admin"]) {
      const seen = await overview(await harness.as(reader));
      expect(
        seen.departments.map((row) => row.code),
        reader,
      ).toEqual(FRAMEWORK.departments.map((row) => row.code));
    }
  });

  it("gives a department user only their own department's row", async () => {
    expect((await overview(clerk)).departments.map((row) => row.code)).toEqual(["EDU"]);
    const head = await harness.as("health-head");
    expect((await overview(head)).departments.map((row) => row.code)).toEqual(["HEALTH"]);
  });

  it("counts the figures entered per region, as the demo's data has them", async () => {
    // EDU's eight indicators read 16 elements, every region entered: 16 × 7.
    expect((await department("EDU")).figures).toEqual({ filled: 112, expected: 112, share: 1 });
    // HEALTH's read 8 elements (POP among them); GP_DOCTORS is entered nowhere.
    expect((await department("HEALTH")).figures).toEqual({
      filled: 49,
      expected: 56,
      share: 49 / 56,
    });
  });

  it("expects the city figure alone for an element entered only city-wide, else every region", async () => {
    const before = (await department("TRANSPORT")).figures;
    // BUS_TRIPS has only its city figure: cleared, the element expects its seven regions.
    const cleared = await office.request({
      method: "DELETE",
      url: `${YEAR}/values/BUS_TRIPS/city?version=${await versionOf("BUS_TRIPS", "city")}`,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const afterClear = (await department("TRANSPORT")).figures;
    expect(afterClear.filled).toBe(before.filled - 1);
    expect(afterClear.expected).toBe(before.expected + 6);
    // One region entered: still seven expected, one of them filled.
    const saved = await office.put(`${YEAR}/values/BUS_TRIPS/HC`, { value: 20_000, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    const oneRegion = (await department("TRANSPORT")).figures;
    expect(oneRegion).toMatchObject({ filled: before.filled, expected: before.expected + 6 });
    // A city figure next to region figures adds nothing: the regions are counted.
    const city = await office.put(`${YEAR}/values/BUS_TRIPS/city`, { value: 52_000, version: 0 });
    expect(city.statusCode, city.body).toBe(200);
    expect((await department("TRANSPORT")).figures).toEqual(oneRegion);
  });

  it("counts an item as evidenced by a file on it, or on a data element it reads", async () => {
    const before = (await department("EDU")).evidence;
    expect(before).toEqual({ withEvidence: 0, items: 8 + 1, share: 0 });
    const upload = async (kind: string, code: string) => {
      const response = await clerk.request({
        method: "POST",
        url: `${YEAR}/evidence`,
        ...evidenceForm(kind, code),
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    await upload("indicator", "EDU01");
    await upload("indicator", "EDU01");
    expect((await department("EDU")).evidence.withEvidence).toBe(1);
    // JUNIOR_GRAD is read by EDU02 only.
    await upload("dataElement", "JUNIOR_GRAD");
    expect((await department("EDU")).evidence.withEvidence).toBe(2);
    await upload("workItem", "W05");
    expect((await department("EDU")).evidence).toEqual({
      withEvidence: 3,
      items: 9,
      share: 3 / 9,
    });
    // Another department's evidence does not count for EDU.
    expect((await department("HEALTH")).evidence.withEvidence).toBe(0);
  });

  it("reports each department's loss exactly as the server's score does", async () => {
    const score = (await office.get(`${YEAR}/score`)).json() as ScoreReport;
    const { departments } = await overview(office);
    expect(Object.fromEntries(departments.map((row) => [row.code, row.loss]))).toEqual(
      Object.fromEntries(score.departments.map((row) => [row.code, row.loss])),
    );
    expect(departments.some((row) => row.loss > 0)).toBe(true);
    const past = (await office.get("/api/cycles/2024/score")).json() as ScoreReport;
    const pastOverview = await overview(office, 2024);
    expect(pastOverview.departments.find((row) => row.code === "EDU")!.loss).toBe(
      past.departments.find((row) => row.code === "EDU")!.loss,
    );
  });

  it("shows the latest change and who made it: figures, work answers, comments, evidence", async () => {
    const latest = async (code: string) => (await department(code)).lastActivity;
    // Nothing of GOV's changed since the demo was seeded.
    expect(await latest("GOV")).toMatchObject({ by: "system:seed", displayName: null });

    harness.clock.advance(60_000);
    const figureAt = harness.clock.now().toISOString();
    const version = await versionOf("PRIMARY_AGE_POP", "LM");
    const saved = await clerk.put(`${YEAR}/values/PRIMARY_AGE_POP/LM`, { value: 28_500, version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await latest("EDU")).toEqual({
      at: figureAt,
      by: "edu-clerk",
      displayName: "市教育局联络员（示例）",
      kind: "figure",
    });

    harness.clock.advance(60_000);
    const commented = await office.post(`${YEAR}/comments`, {
      kind: "workItem",
      code: "W05",
      body: "请补充说明",
    });
    expect(commented.statusCode, commented.body).toBe(201);
    expect(await latest("EDU")).toMatchObject({
      at: harness.clock.now().toISOString(),
      by: "office",
      displayName: "考评办（示例）",
      kind: "comment",
    });

    harness.clock.advance(60_000);
    const work = await clerk.put(`${YEAR}/work/W05`, {
      awarded: { C1: 3, C2: 2 },
      version: 1,
    });
    expect(work.statusCode, work.body).toBe(200);
    expect(await latest("EDU")).toMatchObject({ by: "edu-clerk", kind: "work" });

    harness.clock.advance(60_000);
    const head = await harness.as("edu-head");
    const uploaded = await head.request({
      method: "POST",
      url: `${YEAR}/evidence`,
      ...evidenceForm("indicator", "EDU03"),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(await latest("EDU")).toMatchObject({
      at: harness.clock.now().toISOString(),
      by: "edu-head",
      kind: "evidence",
    });

    // A figure several departments read (POP) is a change for each of them.
    harness.clock.advance(60_000);
    const popVersion = await versionOf("POP", "HC");
    const pop = await office.put(`${YEAR}/values/POP/HC`, {
      value: 1_560_000,
      version: popVersion,
    });
    expect(pop.statusCode, pop.body).toBe(200);
    expect(await latest("HEALTH")).toMatchObject({ by: "office", kind: "figure" });
    expect(await latest("EDU")).toMatchObject({ by: "edu-head", kind: "evidence" });

    // Clearing a figure is a change too.
    harness.clock.advance(60_000);
    const cleared = await clerk.request({
      method: "DELETE",
      url: `${YEAR}/values/PRIMARY_AGE_POP/LM?version=${await versionOf("PRIMARY_AGE_POP", "LM")}`,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await latest("EDU")).toEqual({
      at: harness.clock.now().toISOString(),
      by: "edu-clerk",
      displayName: "市教育局联络员（示例）",
      kind: "figure",
    });
  });

  it("has no latest change and no figures for a year nothing was entered in yet", async () => {
    const frameworkId = (await harness.deps.repos.cycles.byYear(2025))!.framework_id;
    await createCycle(harness.deps, "test", { year: 2026, frameworkId });
    const { departments } = await overview(office, 2026);
    const elements = new Set<string>();
    for (const row of departments) expect(row.lastActivity, row.code).toBeNull();
    // Without regions, each element the department's indicators read expects its city figure.
    const codes = new Set(FRAMEWORK.dataElements.map((element) => element.code));
    for (const indicator of FRAMEWORK.indicators.filter((item) => item.department === "EDU")) {
      for (const word of indicator.formula.match(/[A-Z][A-Z0-9_]*/g) ?? []) {
        if (codes.has(word)) elements.add(word);
      }
    }
    const edu = departments.find((row) => row.code === "EDU") as DepartmentOverview;
    expect(edu.figures).toEqual({ filled: 0, expected: elements.size, share: 0 });
    expect(edu.evidence).toEqual({ withEvidence: 0, items: 9, share: 0 });
    // A department with work items only expects no figures: no share to show.
    const workOnly = FRAMEWORK.departments.find(
      (row) => !FRAMEWORK.indicators.some((indicator) => indicator.department === row.code),
    )!;
    expect(departments.find((row) => row.code === workOnly.code)!.figures).toEqual({
      filled: 0,
      expected: 0,
      share: null,
    });
  });

  it("answers 404 for a year that does not exist, 401 without a session", async () => {
    expect((await office.get("/api/cycles/2031/departments")).statusCode).toBe(404);
    const anonymous = await harness.app.inject({ method: "GET", url: `${YEAR}/departments` });
    expect(anonymous.statusCode).toBe(401);
  });
});
