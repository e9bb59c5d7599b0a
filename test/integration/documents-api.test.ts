import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentJob } from "../../src/contract/api";
import { settleDocumentJobs } from "../../src/server/documents/document-jobs";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";
import { pageCount, pageText } from "../support/poppler";
import { auditRows, submitAs, YEAR } from "../support/workflow-helpers";

/**
 * The documents through the API: who may download what, the tables and the report as
 * files, the bound volume and the province package as jobs with progress, the volume's
 * certification page quoting what the head certified and where the audit chain stood.
 */
const docs = (scope: string) => `${YEAR}/documents/${scope}`;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function zipNames(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("not a zip"));
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** The PDF's last page as text, read by poppler from a file as a person's viewer would. */
function lastPageText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-pdf-"));
  try {
    const file = join(dir, "volume.pdf");
    writeFileSync(file, bytes);
    return pageText(file, pageCount(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function finishedJob(client: Client, scope: string, kind: "volume" | "package") {
  const started = await client.post(`${docs(scope)}/jobs`, { kind });
  expect(started.statusCode, started.body).toBe(202);
  const job = started.json() as DocumentJob;
  await settleDocumentJobs();
  const done = (await client.get(`${docs(scope)}/jobs/${job.id}`)).json() as DocumentJob;
  expect(done.error).toBeNull();
  expect(done.state).toBe("done");
  const file = await client.get(`${docs(scope)}/jobs/${job.id}/file`);
  expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
  return { job: done, bytes: file.rawPayload };
}

describe.each(DIALECTS)("documents through the API on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(async () => {
    await settleDocumentJobs();
    await harness.close();
  });

  it("gives a department its own tables and report, and nobody else's", async () => {
    const clerk = await harness.as("edu-clerk");
    const tables = await clerk.get(`${docs("EDU")}/tables.xlsx`);
    expect(tables.statusCode, tables.body.slice(0, 200)).toBe(200);
    expect(tables.headers["content-type"]).toContain(XLSX);
    expect(String(tables.headers["content-disposition"])).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tables.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(
      expect.arrayContaining(["指标考评表", "工作测评表"]),
    );

    const report = await clerk.get(`${docs("EDU")}/report.docx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toContain(DOCX);
    expect(await zipNames(report.rawPayload)).toContain("word/document.xml");

    const other = await harness.as("health-clerk");
    expect((await other.get(`${docs("EDU")}/tables.xlsx`)).statusCode).toBe(403);
    expect((await other.get(`${docs("EDU")}/report.docx`)).statusCode).toBe(403);
    expect((await other.get(`${docs("city")}/tables.xlsx`)).statusCode).toBe(403);
    expect((await other.post(`${docs("EDU")}/jobs`, { kind: "volume" })).statusCode).toBe(403);
    expect((await clerk.get(`${docs("NOPE")}/tables.xlsx`)).statusCode).toBe(403);
    expect((await (await harness.as("office")).get(`${docs("NOPE")}/tables.xlsx`)).statusCode).toBe(
      404,
    );
  });

  it("binds a submitted department's volume with its certification and audits the build", async () => {
    const clerk = await harness.as("edu-clerk");
    await submitAs(await harness.as("edu-head"), clerk, "EDU");
    const certificate = (await clerk.get(`${YEAR}/departments/EDU/certificate`)).json() as {
      digest: string;
    };
    const submitRow = (await auditRows(await harness.as("office"), "submission.submit")).find(
      (row) => row.objectId === "2025/EDU",
    )!;

    const { job, bytes } = await finishedJob(clerk, "EDU", "volume");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(job.fileName).toBe("市教育局2025年度考评资料汇编.pdf");
    expect(job.done).toBeLessThanOrEqual(job.total);
    const last = lastPageText(bytes).replace(/\s+/g, "");
    expect(last).toContain(certificate.digest);
    expect(last).toContain(String(submitRow.seq));
    const rows = await auditRows(await harness.as("office"), "document.volume");
    expect(
      rows.some((row) => row.objectId.startsWith("2025/EDU/") && row.actor === "edu-clerk"),
    ).toBe(true);
  });

  it("builds one volume at a time per scope: asking again while it runs gets the same job", async () => {
    const clerk = await harness.as("edu-clerk");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => clerk.post(`${docs("EDU")}/jobs`, { kind: "volume" })),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(answers.map(() => 202));
    const ids = new Set(answers.map((answer) => (answer.json() as DocumentJob).id));
    expect(ids.size).toBe(1);
    await settleDocumentJobs();
    const [again] = await Promise.all([clerk.post(`${docs("EDU")}/jobs`, { kind: "volume" })]);
    expect(ids.has((again!.json() as DocumentJob).id)).toBe(false);
    await settleDocumentJobs();
  });

  it("keeps the newest three files of a scope's volumes and says so of older ones", async () => {
    const office = await harness.as("office");
    const built: DocumentJob[] = [];
    for (let round = 0; round < 5; round++) {
      // A minute apart, as builds are: the newest are the latest started.
      harness.clock.advance(60_000);
      built.push((await finishedJob(office, "FIN", "volume")).job);
    }
    const kept = built.slice(2);
    const dropped = built.slice(0, 2);
    for (const job of kept) {
      expect((await office.get(`${docs("FIN")}/jobs/${job.id}/file`)).statusCode).toBe(200);
    }
    for (const job of dropped) {
      const gone = await office.get(`${docs("FIN")}/jobs/${job.id}/file`);
      expect(gone.statusCode).toBe(404);
      expect(gone.body).toContain("较新的版本");
      const stillHeld = kept.some((other) => other.sha256 === job.sha256);
      expect(await harness.deps.evidence.has(job.sha256!)).toBe(stillHeld);
    }
  });

  it("builds the province package for the office only, with the evidence index", async () => {
    const clerk = await harness.as("edu-clerk");
    expect((await clerk.post(`${docs("EDU")}/jobs`, { kind: "package" })).statusCode).toBe(403);
    expect((await clerk.post(`${docs("city")}/jobs`, { kind: "package" })).statusCode).toBe(403);
    const office = await harness.as("office");
    expect((await office.post(`${docs("EDU")}/jobs`, { kind: "package" })).statusCode).toBe(422);

    const { bytes } = await finishedJob(office, "city", "package");
    const names = await zipNames(bytes);
    expect(names).toEqual(
      expect.arrayContaining([
        "惠州市2025年度基本公共服务均等化绩效自评报告.docx",
        "惠州市2025年度基本公共服务均等化绩效自评报告.pdf",
        "惠州市2025年度考评表.xlsx",
        "惠州市2025年度考评资料汇编.pdf",
        "辅证材料目录.csv",
      ]),
    );
    const listed = (await office.get(`${docs("city")}/jobs`)).json() as { jobs: DocumentJob[] };
    expect(listed.jobs[0]!.kind).toBe("package");
  });
});
