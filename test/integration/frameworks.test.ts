import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFiles } from "../../src/platform/package-files";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/** The demo framework's text, and a variant (another name) that is a new version of it. */
const DEMO = readFileSync(demoFiles().framework, "utf8");
const variant = (label: string) =>
  DEMO.replace(/^name: (.*)$/m, (_line, name: string) => `name: ${name}（${label}）`);

/** multipart/form-data with one file part, as a browser's file picker sends it. */
function fileForm(fileName: string, content: string | Buffer, field = "file") {
  const boundary = "----kaopingframework";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
        "Content-Type: application/octet-stream\r\n\r\n",
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

interface Summary {
  id: string;
  code: string;
  version: number;
  indicators: number;
  workItems: number;
  departments: number;
  years: number[];
}

describe.each(DIALECTS)("frameworks and opening a year on %s", (dialect) => {
  let harness: Harness;
  let office: Client;

  const upload = (client: Client, fileName: string, content: string | Buffer, field?: string) =>
    client.request({
      method: "POST",
      url: "/api/frameworks",
      ...fileForm(fileName, content, field),
    });
  const frameworks = async () =>
    ((await office.get("/api/frameworks")).json() as { frameworks: Summary[] }).frameworks;
  const storedCount = async () =>
    (await harness.db.db.selectFrom("frameworks").select("id").execute()).length;

  beforeAll(async () => {
    harness = await startHarness(dialect);
    office = await harness.as("office");
  });
  afterAll(() => harness.close());

  it("lists the imported versions with their counts and the years pinned to them", async () => {
    const leader = await harness.as("leader");
    const response = await leader.get("/api/frameworks");
    expect(response.statusCode).toBe(200);
    const [demo] = response.json().frameworks as Summary[];
    const cycles = (await leader.get("/api/cycles")).json() as { year: number }[];
    expect(demo).toMatchObject({
      code: "GD-JBGGFW-2025",
      version: 1,
      indicators: 45,
      importedBy: expect.any(String),
      years: cycles.map((cycle) => cycle.year).sort(),
    });
    expect(demo!.workItems).toBeGreaterThan(0);
    expect(demo!.departments).toBe(13);
    expect((await (await harness.as("edu-clerk")).get("/api/frameworks")).statusCode).toBe(403);
  });

  it("imports a changed document as the code's next version, audited", async () => {
    const response = await upload(office, "办法-2026.yaml", variant("2026修订"));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      code: "GD-JBGGFW-2025",
      version: 2,
      name: expect.stringContaining("2026修订"),
      importedBy: "office",
      indicators: 45,
      years: [],
      warnings: expect.any(Array),
    });
    expect((await frameworks()).map((framework) => framework.version)).toEqual([2, 1]);
    const audit = await harness.db.db
      .selectFrom("audit_log")
      .select(["actor", "object_id"])
      .where("action", "=", "framework.import")
      .where("actor", "=", "office")
      .execute();
    expect(audit).toEqual([{ actor: "office", object_id: "GD-JBGGFW-2025@2" }]);
  });

  it("refuses the same document again (409) and stores nothing", async () => {
    const before = await storedCount();
    const again = await upload(office, "copy.yml", variant("2026修订"));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("GD-JBGGFW-2025 v2");
    expect(await storedCount()).toBe(before);
  });

  it("refuses a faulty document whole, listing every issue by item and field", async () => {
    const before = await storedCount();
    const head = await harness.deps.repos.audit.head();
    const faulty = variant("有误")
      .replace("formula: PRIMARY_ENROLLED / PRIMARY_AGE_POP * 100", "formula: NO_SUCH / 2")
      .replace(/(code: EDU02\n(?:.*\n)*?\s+department:) EDU/, "$1 NOWHERE");
    const response = await upload(office, "faulty.yaml", faulty);
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json() as {
      error: string;
      message: string;
      issues: { file: string; field: string; message: string }[];
    };
    expect(body.error).toBe("invalid");
    const fields = body.issues.map((issue) => issue.field);
    expect(fields).toEqual(
      expect.arrayContaining(["indicators[EDU01].formula", "indicators[EDU02].department"]),
    );
    expect(body.issues.every((issue) => issue.file === "faulty.yaml")).toBe(true);
    expect(body.message).toContain("indicators[EDU01].formula");
    expect(await storedCount()).toBe(before);
    expect((await harness.deps.repos.audit.head()).seq).toBe(head.seq);
  });

  it("refuses what is no framework file: type, size, encoding, form, stored text", async () => {
    const before = await storedCount();
    expect((await upload(office, "办法.txt", variant("txt"))).statusCode).toBe(415);
    const big = `${variant("big")}\n#${"x".repeat(2 * 1024 * 1024)}\n`;
    expect((await upload(office, "big.yaml", big)).statusCode).toBe(413);
    const latin1 = Buffer.from(variant("编码"), "utf8").map((byte) => (byte > 0x7f ? 0xff : byte));
    const notUtf8 = await upload(office, "gbk.yaml", Buffer.from(latin1));
    expect(notUtf8.statusCode).toBe(422);
    expect(notUtf8.json().message).toContain("UTF-8");
    const nul = await upload(
      office,
      "nul.yaml",
      variant("x").replace(/^name: .*$/m, 'name: "a\\0b"'),
    );
    expect(nul.statusCode).toBe(422);
    expect(nul.json().issues[0].field).toBe("name");
    const yamlError = await upload(office, "broken.yaml", "code: [unclosed");
    expect(yamlError.statusCode).toBe(422);
    expect((await upload(office, "a.yaml", variant("f"), "document")).statusCode).toBe(422);
    const json = await office.post("/api/frameworks", { fileName: "a.yaml", text: variant("j") });
    expect(json.statusCode).toBe(415);
    const cut = await office.request({
      method: "POST",
      url: "/api/frameworks",
      headers: { "content-type": "multipart/form-data; boundary=B" },
      payload:
        '--B\r\nContent-Disposition: form-data; name="file"; filename="a.yaml"\r\n\r\ncode: x',
    });
    expect(cut.statusCode).toBe(400);
    expect(await storedCount()).toBe(before);
  });

  it("takes a JSON framework file too", async () => {
    const { parseDocumentText } = await import("../../src/core");
    const doc = parseDocumentText(variant("json"), "a.yaml") as Record<string, unknown>;
    const response = await upload(office, "办法.JSON", JSON.stringify({ ...doc, code: "SZ-2026" }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ code: "SZ-2026", version: 1 });
  });

  it("lets only the admin and the office import", async () => {
    for (const username of ["leader", "auditor", "edu-head"]) {
      const client = await harness.as(username);
      expect((await upload(client, "a.yaml", variant(username))).statusCode, username).toBe(403);
    }
    const admin = await harness.as("admin");
    expect((await upload(admin, "a.yaml", variant("admin"))).statusCode).toBe(201);
  });

  it("opens a year on a version, copying the closest earlier year's regions, audited", async () => {
    const v2 = (await frameworks()).find(
      (framework) => framework.code === "GD-JBGGFW-2025" && framework.version === 2,
    )!;
    const years = ((await office.get("/api/cycles")).json() as { year: number }[]).map(
      (cycle) => cycle.year,
    );
    const latest = Math.max(...years);
    const year = latest + 1;
    const opened = await office.post("/api/cycles", { year, frameworkId: v2.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const previous = (await office.get(`/api/cycles/${latest}`)).json();
    expect(opened.json()).toMatchObject({
      year,
      status: "open",
      framework: { code: "GD-JBGGFW-2025", version: 2 },
      departmentsDue: `${year + 1}-03-10`,
      provinceDue: `${year + 1}-03-25`,
      regions: previous.regions,
    });
    expect((await frameworks()).find((framework) => framework.id === v2.id)!.years).toEqual([year]);
    const audit = await harness.db.db
      .selectFrom("audit_log")
      .select(["actor", "after"])
      .where("action", "=", "cycle.create")
      .where("object_id", "=", String(year))
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe("office");
    expect(JSON.parse(audit.after!)).toMatchObject({ frameworkId: v2.id, regions: 7 });

    // The new year takes figures at once.
    const clerk = await harness.as("edu-clerk");
    const saved = await clerk.put(`/api/cycles/${year}/values/PRIMARY_ENROLLED/HC`, {
      value: 130_000,
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const again = await office.post("/api/cycles", { year, frameworkId: v2.id });
    expect(again.statusCode).toBe(409);
  });

  it("takes the regions and deadlines given, checked like a data file", async () => {
    const [framework] = await frameworks();
    const regions = [
      { code: "A", name: "甲区", population: 100_000, group: "urban" },
      { code: "B", name: "乙县", population: 50_000 },
    ];
    const opened = await office.post("/api/cycles", {
      year: 2040,
      frameworkId: framework!.id,
      departmentsDue: "2041-02-28",
      provinceDue: "2041-03-01",
      regions,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({
      departmentsDue: "2041-02-28",
      provinceDue: "2041-03-01",
      regions: [
        { code: "A", name: "甲区", population: 100_000, group: "urban" },
        { code: "B", name: "乙县", population: 50_000, group: null },
      ],
    });

    const refusals: [object, number][] = [
      [{ year: 2041, frameworkId: framework!.id, regions: [regions[0], regions[0]] }, 422],
      [{ year: 2041, frameworkId: framework!.id, regions: [{ code: "city", name: "全市" }] }, 422],
      [
        { year: 2041, frameworkId: framework!.id, regions: [{ ...regions[0], population: 0 }] },
        422,
      ],
      [{ year: 2041, frameworkId: framework!.id, departmentsDue: "2042-02-30" }, 422],
      [{ year: 2041, frameworkId: framework!.id, departmentsDue: "2042-03-26" }, 422],
      [{ year: 2041, frameworkId: "no-such-framework" }, 404],
      [{ year: 1989, frameworkId: framework!.id }, 422],
      [{ year: 2041, frameworkId: framework!.id, extra: true }, 422],
    ];
    for (const [body, status] of refusals) {
      const response = await office.post("/api/cycles", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
    }
    const duplicate = await office.post("/api/cycles", refusals[0]![0]);
    expect(duplicate.json().issues.map((issue: { field: string }) => issue.field)).toEqual([
      "regions[A].code",
    ]);
    expect((await office.get("/api/cycles/2041")).statusCode).toBe(404);
  });

  it("copies the closest later year's regions when there is no earlier one", async () => {
    const [framework] = await frameworks();
    const years = ((await office.get("/api/cycles")).json() as { year: number }[]).map(
      (cycle) => cycle.year,
    );
    const earliest = Math.min(...years);
    const opened = await office.post("/api/cycles", {
      year: earliest - 1,
      frameworkId: framework!.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().regions).toEqual(
      (await office.get(`/api/cycles/${earliest}`)).json().regions,
    );
  });

  it("lets only the admin and the office open a year", async () => {
    const [framework] = await frameworks();
    for (const username of ["leader", "auditor", "edu-head"]) {
      const client = await harness.as(username);
      const response = await client.post("/api/cycles", { year: 2050, frameworkId: framework!.id });
      expect(response.statusCode, username).toBe(403);
    }
    expect((await office.get("/api/cycles/2050")).statusCode).toBe(404);
  });
});
