import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deflateRawSync } from "node:zlib";
import { sha256Hex } from "../../src/server/ids";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";
import { buildZip, officePackage } from "../support/zip-builder";

const EVIDENCE = "/api/cycles/2025/evidence";
/** Small, so the over-the-limit case needs no large buffers. */
const LIMIT = 1024;

type Part =
  | { name: string; value: string }
  | { name: string; filename: string; content: Buffer; type?: string };

/**
 * The file name parameter: plain, as browsers send ordinary names, or in RFC 2231 form
 * when it holds characters a quoted string cannot carry (quotes, backslashes, controls).
 */
const filenameParameter = (name: string) =>
  Array.from(name).some((char) => char === '"' || char === "\\" || char < " ")
    ? `filename*=UTF-8''${encodeURIComponent(name)}`
    : `filename="${name}"`;

/** A multipart/form-data body written by hand, as a browser would send it. */
function multipart(parts: Part[]) {
  const boundary = `----kaoping-${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ("value" in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; ${filenameParameter(part.filename)}\r\n` +
            `Content-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        part.content,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

interface Upload {
  kind?: string;
  code?: string;
  name?: string;
  content?: Buffer;
  type?: string;
  fileFirst?: boolean;
}

/** A small PDF, different each time unless `body` is given. */
const pdf = (body = randomBytes(16).toString("hex")) =>
  Buffer.from(
    `%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Title (${body}) >>\nendobj\n%%EOF\n`,
    "latin1",
  );
/** Unpacks to 64 KiB of zeros from about a hundred bytes. */
const ZEROS = deflateRawSync(Buffer.alloc(64 * 1024), { level: 9 });
/** Large enough, at 10,000:1, for the ratio check (small entries may compress freely). */
const ZEROS_256K = deflateRawSync(Buffer.alloc(256 * 1024), { level: 9 });

/** Hostile files small enough for the 1 KB limit of this file's server. */
const HOSTILE: [name: string, fileName: string, content: Buffer, message: string][] = [
  [
    "a ZIP holding a program",
    "材料.zip",
    buildZip([
      { name: "说明.txt", content: "见附件" },
      { name: "setup.exe", content: "MZ\x90\0", method: "store" },
    ]),
    "文件「材料.zip」中的「setup.exe」是 Windows 可执行程序（扩展名 .exe），不能作为辅证材料上传",
  ],
  [
    "a program two archives down",
    "材料.zip",
    buildZip([
      {
        name: "一层.zip",
        content: buildZip([
          { name: "二层.zip", content: buildZip([{ name: "readme.txt", content: "MZ\x90\0" }]) },
        ]),
      },
    ]),
    "文件「材料.zip」中的「一层.zip」中的「二层.zip」中的「readme.txt」是 Windows 可执行程序，",
  ],
  [
    "a .docx whose renamed macro part is declared in the content types",
    "报告.docx",
    officePackage("word", {
      overrides: { "/word/a.dat": "application/vnd.ms-office.vbaProject" },
      extra: [{ name: "word/a.dat", content: "\0" }],
    }),
    "文件「报告.docx」是含宏的 Office 文档",
  ],
  [
    "an entry that unpacks past its declared size",
    "数据.zip",
    buildZip([{ name: "数据.csv", data: ZEROS, declaredSize: 100 }]),
    "文件「数据.zip」中的「数据.csv」是解压后超过其声明大小的条目（疑似压缩炸弹）",
  ],
  [
    "an entry declaring 10,000:1",
    "数据.zip",
    buildZip([{ name: "a.csv", data: ZEROS_256K, declaredSize: ZEROS_256K.length * 10_000 }]),
    "「a.csv」是压缩比异常的条目",
  ],
  [
    "an entry leaving the folder",
    "数据.zip",
    buildZip([{ name: "../../启动/a.txt", content: "x" }]),
    "「../../启动/a.txt」是路径越出压缩包目录的条目",
  ],
  [
    "an encrypted entry",
    "数据.zip",
    buildZip([{ name: "a.pdf", content: "%PDF-1.4", encrypted: true }]),
    "「a.pdf」是加密的条目",
  ],
];

/** A multipart body taken apart in the ways clients and attackers get it wrong. */
const MALFORMED: [name: string, contentType: string, body: string][] = (() => {
  const b = "----kaoping-malformed";
  const field = (name: string, value: string) =>
    `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 x\r\n`;
  const whole =
    field("targetKind", "indicator") + field("targetCode", "EDU01") + file + `--${b}--\r\n`;
  const type = `multipart/form-data; boundary=${b}`;
  return [
    ["no boundary in the Content-Type", "multipart/form-data", whole],
    ["a boundary that the body does not use", "multipart/form-data; boundary=other", whole],
    ["a body cut short inside the file", type, whole.slice(0, whole.indexOf("%PDF") + 6)],
    ["a body without its closing delimiter", type, whole.replace(`--${b}--\r\n`, "")],
    ["an empty body", type, ""],
    ["a part without headers", type, `--${b}\r\n\r\nhello\r\n` + whole],
    [
      "a part whose header is not a header",
      type,
      whole.replace(file, `--${b}\r\nnot a header\r\n\r\nx\r\n` + file),
    ],
  ];
})();

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(24),
]);

function upload(client: Client, options: Upload = {}) {
  const fields: Part[] = [
    { name: "targetKind", value: options.kind ?? "indicator" },
    { name: "targetCode", value: options.code ?? "EDU01" },
  ];
  const file: Part = {
    name: "file",
    filename: options.name ?? "入学率统计表.pdf",
    content: options.content ?? pdf(),
    type: options.type ?? "application/pdf",
  };
  const body = multipart(options.fileFirst ? [file, ...fields] : [...fields, file]);
  return client.request({ method: "POST", url: EVIDENCE, ...body });
}

describe.each(DIALECTS)("evidence files on %s", (dialect) => {
  let harness: Harness;
  let clerk: Client;
  let cycleId: string;

  const rows = () => harness.deps.repos.evidence.forCycle(cycleId);
  const storedFiles = () =>
    readdirSync(join(harness.dataDir, "evidence"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);

  beforeAll(async () => {
    harness = await startHarness(dialect, { uploadLimitBytes: LIMIT });
    clerk = await harness.as("edu-clerk");
    cycleId = (await harness.deps.repos.cycles.byYear(2025))!.id;
  });
  afterAll(() => harness.close());

  it("lets a clerk attach a PDF to an own indicator, lists it, and returns the same bytes", async () => {
    const content = pdf();
    const response = await upload(clerk, { content, name: "2025年小学入学率统计表（终稿）.pdf" });
    expect(response.statusCode).toBe(201);
    const evidence = response.json();
    expect(evidence).toMatchObject({
      targetKind: "indicator",
      targetCode: "EDU01",
      originalName: "2025年小学入学率统计表（终稿）.pdf",
      mimeType: "application/pdf",
      size: content.length,
      sha256: sha256Hex(content),
      uploadedBy: "edu-clerk",
      uploadedAt: "2026-03-01T02:00:00.000Z",
    });

    const items = (await clerk.get("/api/cycles/2025/items")).json();
    const indicator = items.indicators.find((item: { code: string }) => item.code === "EDU01");
    expect(indicator.evidence).toContainEqual(evidence);

    const download = await clerk.get(`${EVIDENCE}/${evidence.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-length"]).toBe(String(content.length));
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    const encoded = encodeURIComponent("2025年小学入学率统计表（终稿）.pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="2025_.pdf"; filename*=UTF-8''${encoded}`,
    );
  });

  it("accepts the file before its fields, and work items and data elements as targets", async () => {
    const work = await upload(clerk, {
      kind: "workItem",
      code: "W05",
      name: "核实记录.png",
      content: PNG,
      type: "text/plain",
      fileFirst: true,
    });
    expect(work.statusCode).toBe(201);
    expect(work.json()).toMatchObject({
      targetKind: "workItem",
      targetCode: "W05",
      mimeType: "image/png",
    });

    const element = await upload(clerk, { kind: "dataElement", code: "PRIMARY_ENROLLED" });
    expect(element.statusCode).toBe(201);
    const items = (await clerk.get("/api/cycles/2025/items")).json();
    const enrolled = items.indicators
      .find((item: { code: string }) => item.code === "EDU01")
      .elements.find((item: { code: string }) => item.code === "PRIMARY_ENROLLED");
    expect(enrolled.evidence.map((row: { id: string }) => row.id)).toEqual([element.json().id]);
    const workItem = items.workItems.find((item: { code: string }) => item.code === "W05");
    expect(workItem.evidence.map((row: { id: string }) => row.id)).toEqual([work.json().id]);
  });

  it("files a shared data element under the uploader's department, or its first owner for the office", async () => {
    const sport = await upload(await harness.as("sport-clerk"), {
      kind: "dataElement",
      code: "POP",
    });
    expect(sport.statusCode).toBe(201);
    const office = await upload(await harness.as("office"), { kind: "dataElement", code: "POP" });
    expect(office.statusCode).toBe(201);
    const officeOnIndicator = await upload(await harness.as("office"), { code: "HEALTH01" });
    expect(officeOnIndicator.statusCode).toBe(201);

    const departmentOf = async (id: string) =>
      (await harness.deps.repos.evidence.byId(id))!.department_code;
    expect(await departmentOf(sport.json().id)).toBe("SPORT");
    // POP is read by HEALTH, CULTURE, SPORT, HRSS…; HEALTH comes first among the departments.
    expect(await departmentOf(office.json().id)).toBe("HEALTH");
    expect(await departmentOf(officeOnIndicator.json().id)).toBe("HEALTH");
    expect((await upload(clerk, { kind: "dataElement", code: "POP" })).statusCode).toBe(403);
  });

  it("stores the same bytes once however often they are attached", async () => {
    const content = pdf("same-bytes");
    const first = await upload(clerk, { content, name: "a.pdf" });
    const second = await upload(clerk, { content, name: "b.pdf", code: "EDU02" });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(second.json().id);

    const sha256 = sha256Hex(content);
    expect((await rows()).filter((row) => row.sha256 === sha256)).toHaveLength(2);
    expect(storedFiles().filter((name) => name === sha256)).toHaveLength(1);
    expect(storedFiles().some((name) => name.endsWith(".tmp"))).toBe(false);
  });

  it.each([
    [
      "a Windows program renamed to .pdf",
      "报表.pdf",
      Buffer.from("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", "latin1"),
      "Windows",
    ],
    ["an empty file", "空白.pdf", Buffer.alloc(0), "空文件"],
    ["an HTML page", "统计表.pdf", Buffer.from("<html><script>alert(1)</script></html>"), "网页"],
    ["plain text", "说明.docx", Buffer.from("学校数,在校生数\n12,3400\n"), "无法识别"],
  ])(
    "refuses %s with 415 naming the file, and stores nothing",
    async (_name, fileName, content, what) => {
      const [rowsBefore, filesBefore] = [(await rows()).length, storedFiles().length];
      const response = await upload(clerk, { name: fileName, content });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: "unsupported" });
      expect(response.json().message).toContain(`「${fileName}」`);
      expect(response.json().message).toContain(what);
      expect((await rows()).length).toBe(rowsBefore);
      expect(storedFiles().length).toBe(filesBefore);
    },
  );

  it("answers in English when asked", async () => {
    const body = multipart([
      { name: "targetKind", value: "indicator" },
      { name: "targetCode", value: "EDU01" },
      { name: "file", filename: "setup.pdf", content: Buffer.from("MZ\x90\0", "latin1") },
    ]);
    const response = await clerk.request({
      method: "POST",
      url: EVIDENCE,
      payload: body.payload,
      headers: { ...body.headers, "accept-language": "en" },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toContain('file "setup.pdf" is a Windows executable program');
  });

  it("accepts a file of exactly the limit and refuses one byte more with 413, storing nothing", async () => {
    const exact = Buffer.concat([pdf(), Buffer.alloc(LIMIT)]).subarray(0, LIMIT);
    expect((await upload(clerk, { content: exact })).statusCode).toBe(201);

    const [rowsBefore, filesBefore] = [(await rows()).length, storedFiles().length];
    const over = Buffer.concat([pdf(), Buffer.alloc(LIMIT + 1)]).subarray(0, LIMIT + 1);
    const response = await upload(clerk, { content: over, name: "全年台账.pdf" });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: "too_large" });
    expect(response.json().message).toContain("全年台账.pdf");
    expect(response.json().message).toContain("1 KB");
    expect((await rows()).length).toBe(rowsBefore);
    expect(storedFiles().length).toBe(filesBefore);
  });

  it("refuses another department's target, and leaders and auditors, with 403", async () => {
    const before = (await rows()).length;
    const otherDepartment = await upload(clerk, { code: "HEALTH01" });
    expect(otherDepartment.statusCode).toBe(403);
    expect(otherDepartment.json().message).toContain("HEALTH01");
    expect((await upload(clerk, { kind: "workItem", code: "W06" })).statusCode).toBe(403);
    expect((await upload(await harness.as("leader"))).statusCode).toBe(403);
    expect((await upload(await harness.as("auditor"))).statusCode).toBe(403);
    expect((await rows()).length).toBe(before);
  });

  it("answers 404 for an unknown target or year, 422 for a malformed form", async () => {
    expect((await upload(clerk, { code: "EDU99" })).statusCode).toBe(404);
    expect((await upload(clerk, { kind: "workItem", code: "EDU01" })).statusCode).toBe(404);
    expect((await upload(clerk, { kind: "dataElement", code: "NOPE" })).statusCode).toBe(404);
    const wrongYear = await clerk.request({
      method: "POST",
      url: "/api/cycles/2023/evidence",
      ...multipart([
        { name: "targetKind", value: "indicator" },
        { name: "targetCode", value: "EDU01" },
        { name: "file", filename: "a.pdf", content: pdf() },
      ]),
    });
    expect(wrongYear.statusCode).toBe(404);

    const badKind = await upload(clerk, { kind: "region" });
    expect(badKind.statusCode).toBe(422);
    expect(badKind.json().message).toContain("targetKind");
    const noFile = await clerk.request({
      method: "POST",
      url: EVIDENCE,
      ...multipart([
        { name: "targetKind", value: "indicator" },
        { name: "targetCode", value: "EDU01" },
      ]),
    });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().message).toContain("file");
    const json = await clerk.post(EVIDENCE, { targetKind: "indicator", targetCode: "EDU01" });
    expect(json.statusCode).toBe(415);
  });

  it("needs the CSRF token", async () => {
    const login = await harness.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "edu-head", password: "Test-Pass-2025!" },
    });
    const cookie = login.cookies.find((candidate) => candidate.name === "kaoping_session")!;
    const body = multipart([
      { name: "targetKind", value: "indicator" },
      { name: "targetCode", value: "EDU01" },
      { name: "file", filename: "a.pdf", content: pdf() },
    ]);
    const before = (await rows()).length;
    const missing = await harness.app.inject({
      method: "POST",
      url: EVIDENCE,
      cookies: { kaoping_session: cookie.value },
      ...body,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().message).toContain("CSRF");
    const wrong = await harness.app.inject({
      method: "POST",
      url: EVIDENCE,
      cookies: { kaoping_session: cookie.value },
      payload: body.payload,
      headers: { ...body.headers, "x-csrf-token": "not-the-token" },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await rows()).length).toBe(before);
  });

  it("lets departments download only their own evidence; city readers download all", async () => {
    const [edu] = (await rows()).filter((row) => row.department_code === "EDU");
    const url = `${EVIDENCE}/${edu!.id}`;
    const health = await (await harness.as("health-clerk")).get(url);
    expect(health.statusCode).toBe(403);
    expect(health.json().error).toBe("forbidden");
    for (const username of ["edu-head", "office", "leader", "auditor", "admin"]) {
      expect((await (await harness.as(username)).get(url)).statusCode, username).toBe(200);
    }
    expect((await clerk.get(`${EVIDENCE}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(
      404,
    );
    expect((await clerk.get(`/api/cycles/2024/evidence/${edu!.id}`)).statusCode).toBe(404);
  });

  it("cleans the stored name and keeps the download header plain ASCII", async () => {
    const response = await upload(clerk, {
      name: '..\\..\\年报"终稿"\t\u202Egnp.html',
      content: pdf(),
    });
    expect(response.statusCode).toBe(201);
    const name = response.json().originalName;
    // No folders, no tab or direction override, and an extension that fits the content.
    expect(name).toBe('年报"终稿"gnp.html.pdf');

    const download = await clerk.get(`${EVIDENCE}/${response.json().id}`);
    const header = download.headers["content-disposition"] as string;
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).toBe(
      `attachment; filename="_gnp.html.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(header.match(/"/g)).toHaveLength(2);

    const long = await upload(clerk, { name: `${"长".repeat(300)}.pdf` });
    expect(long.json().originalName).toBe(`${"长".repeat(196)}.pdf`);
  });

  const auditRows = async () =>
    (await harness.db.db.selectFrom("audit_log").select("seq").execute()).length;
  /** Sends, and checks that no evidence row, audit row or stored file came of it. */
  const nothingStoredBy = async <T>(send: () => Promise<T>): Promise<T> => {
    const before = [(await rows()).length, await auditRows(), storedFiles().length];
    const response = await send();
    expect([(await rows()).length, await auditRows(), storedFiles().length]).toEqual(before);
    return response;
  };

  it.each(HOSTILE)(
    "refuses %s with 415 naming the file and entry, storing no row, audit row or file",
    async (_name, fileName, content, message) => {
      expect(content.length).toBeLessThanOrEqual(LIMIT);
      const response = await nothingStoredBy(() =>
        upload(clerk, { name: fileName, content, type: "application/zip" }),
      );
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: "unsupported" });
      expect(response.json().message).toContain(message);
    },
  );

  it("accepts a ZIP of ordinary files and an Office document without macros", async () => {
    const zip = buildZip([
      { name: "照片/", content: "" },
      { name: "照片/001.jpg", content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
      { name: "统计表.csv", content: "学校数,在校生数\n12,3400\n" },
      { name: "扫描件.pdf", content: "%PDF-1.4\n%%EOF\n" },
    ]);
    const zipped = await upload(clerk, { name: "2025年材料", content: zip });
    expect(zipped.statusCode).toBe(201);
    expect(zipped.json()).toMatchObject({
      mimeType: "application/zip",
      originalName: "2025年材料.zip",
    });
    const docx = await upload(clerk, { name: "报告.docx", content: officePackage("word") });
    expect(docx.statusCode).toBe(201);
    expect(docx.json().mimeType).toContain("wordprocessingml");
  });

  it("names the entry in English when asked", async () => {
    const body = multipart([
      { name: "targetKind", value: "indicator" },
      { name: "targetCode", value: "EDU01" },
      { name: "file", filename: "材料.zip", content: HOSTILE[1]![2] },
    ]);
    const response = await clerk.request({
      method: "POST",
      url: EVIDENCE,
      payload: body.payload,
      headers: { ...body.headers, "accept-language": "en" },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toBe(
      '"readme.txt" in "二层.zip" in "一层.zip" in file "材料.zip" is a Windows executable program and cannot be evidence',
    );
  });

  it.each(MALFORMED)(
    "answers %s with 400 in the request's language, storing nothing",
    async (_name, contentType, body) => {
      for (const lang of ["zh", "en"]) {
        const response = await nothingStoredBy(() =>
          clerk.request({
            method: "POST",
            url: EVIDENCE,
            payload: Buffer.from(body, "latin1"),
            headers: { "content-type": contentType, "accept-language": lang },
          }),
        );
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toBe("bad_request");
        expect(response.json().message).toContain(
          lang === "zh" ? "上传的表单" : "the upload is not complete, well-formed multipart",
        );
      }
    },
  );

  it("refuses uploads to a closed year with 423", async () => {
    await harness.db.db
      .updateTable("cycles")
      .set({ status: "closed" })
      .where("id", "=", cycleId)
      .execute();
    try {
      const response = await upload(clerk);
      expect(response.statusCode).toBe(423);
    } finally {
      await harness.db.db
        .updateTable("cycles")
        .set({ status: "open" })
        .where("id", "=", cycleId)
        .execute();
    }
  });

  it("audits every upload and keeps the chain intact", async () => {
    const audited = await harness.db.db
      .selectFrom("audit_log")
      .select(["object_id", "actor", "after"])
      .where("action", "=", "evidence.add")
      .execute();
    const stored = await rows();
    expect(audited.map((row) => row.object_id).sort()).toEqual(stored.map((row) => row.id).sort());
    const first = stored[0]!;
    const entry = audited.find((row) => row.object_id === first.id)!;
    expect(JSON.parse(entry.after!)).toMatchObject({
      name: first.original_name,
      sha256: first.sha256,
      size: first.size,
      mimeType: first.mime_type,
      target: { kind: first.target_kind, code: first.target_code },
    });
    const verdict = (await (await harness.as("auditor")).get("/api/audit/verify")).json();
    expect(verdict.intact).toBe(true);
  });
});
