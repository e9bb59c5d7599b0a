import { randomBytes } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oleFile } from "../../../test/support/ole-builder";
import {
  buildZip,
  MAIN_TYPES,
  officePackage,
  zerosDeflated,
  type ZipEntrySpec,
} from "../../../test/support/zip-builder";
import { detectFileType } from "./detect-file-type";
import { ZIP_LIMITS, type ZipLimits } from "./zip-limits";

const MiB = 1024 * 1024;
const pdf = (title = "x") => `%PDF-1.4\n1 0 obj\n<< /Title (${title}) >>\nendobj\n%%EOF\n`;
const WINDOWS_PROGRAM = Buffer.from("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", "latin1");
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);

async function refusal(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS) {
  const verdict = await detectFileType(bytes, limits);
  if (verdict.accepted) throw new Error(`accepted as ${verdict.mimeType}`);
  return { zh: verdict.what.zh, en: verdict.what.en, path: verdict.entryPath ?? [] };
}

/** "中文.<extension>" in GBK, as archivers on Chinese Windows write names. */
const GBK_NAME = (extension: string) =>
  Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2e]), Buffer.from(extension)]);

const zipOf = (...entries: ZipEntrySpec[]) => buildZip(entries);
const ACCEPTED_ZIP = { accepted: true, mimeType: "application/zip", extensions: [".zip"] };

describe("ZIP evidence that passes", () => {
  it("accepts folders of scans, photos, Office files and text, with GBK-encoded names", async () => {
    const zip = zipOf(
      { name: "教育局/" },
      { name: "教育局/入学率统计表.pdf", content: pdf("a"), method: "store" },
      { name: "教育局/现场照片/001.jpg", content: jpeg(), method: "store" },
      { name: "教育局/汇总.xlsx", content: officePackage("excel"), method: "store" },
      { name: "教育局/报告.docx", content: officePackage("word") },
      { name: "说明.txt", content: "学校数,在校生数\n12,3400\n".repeat(50) },
      { name: "中文.txt", rawName: GBK_NAME("txt"), content: "GBK" },
    );
    expect(await detectFileType(zip)).toEqual(ACCEPTED_ZIP);
  });

  it("accepts text that compresses very well but not like a bomb", async () => {
    // One line repeated: about 400:1, and over a megabyte, so the ratio check applies.
    const repeated = "惠城区,120,86000,99.8\n".repeat(60_000);
    expect(await detectFileType(zipOf({ name: "明细.csv", content: repeated }))).toEqual(
      ACCEPTED_ZIP,
    );
  });

  it("accepts ZIP64 archives", async () => {
    const zip = buildZip(
      [
        { name: "a.pdf", content: pdf() },
        { name: "b.txt", content: "b" },
      ],
      {
        zip64: true,
      },
    );
    expect(await detectFileType(zip)).toEqual(ACCEPTED_ZIP);
  });

  it("accepts archives nested as deep as the limit", async () => {
    let zip = zipOf({ name: "a.pdf", content: pdf() });
    for (let level = 0; level < ZIP_LIMITS.maxDepth; level++) {
      zip = zipOf({ name: `level-${level}.zip`, content: zip });
    }
    expect(await detectFileType(zip)).toEqual(ACCEPTED_ZIP);
  });
});

describe("ZIP evidence refused for what is inside", () => {
  it("names the Windows program by its name", async () => {
    const refused = await refusal(
      zipOf({ name: "说明.pdf", content: pdf() }, { name: "setup.exe", content: "text" }),
    );
    expect(refused.path).toEqual(["setup.exe"]);
    expect(refused.zh).toContain("Windows 可执行程序");
  });

  it("reads names written in GBK", async () => {
    const refused = await refusal(zipOf({ name: "?", rawName: GBK_NAME("exe"), content: "x" }));
    expect(refused.path).toEqual(["中文.exe"]);
  });

  it.each([
    "工具/install.EXE",
    "run.bat",
    "a.cmd",
    "a.ps1",
    "a.vbs",
    "a.js",
    "a.hta",
    "a.wsf",
    "报告.pdf.lnk",
    "a.jar",
    "a.sh",
    "a.apk",
    "a.msi",
    "a.scr",
    "a.dll",
    "setup.exe. ",
    "宏.docm",
    "宏.xlsm",
  ])("refuses %s by its name", async (name) => {
    const refused = await refusal(
      zipOf({ name: "ok.pdf", content: pdf() }, { name, content: "x" }),
    );
    expect(refused.path).toEqual([name]);
    expect(refused.zh).toContain("扩展名");
  });

  it.each([
    ["a Windows program", WINDOWS_PROGRAM, "Windows 可执行程序"],
    ["a Linux program", Buffer.from("\x7fELF\x02\x01\x01\0", "latin1"), "Linux 可执行程序"],
    ["a macOS program", Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), "macOS"],
    ["a Java class", Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), "Java"],
    ["a script", Buffer.from("#!/bin/sh\nrm -rf ~\n"), "脚本"],
  ])("refuses %s named as a document, by its content", async (_name, content, what) => {
    const refused = await refusal(
      zipOf({ name: "a.pdf", content: pdf() }, { name: "资料/年报.pdf", content }),
    );
    expect(refused.path).toEqual(["资料/年报.pdf"]);
    expect(refused.zh).toContain(what);
  });

  it("finds a program two archives down, and names the way to it", async () => {
    const deepest = zipOf({ name: "readme.txt", content: WINDOWS_PROGRAM });
    const middle = zipOf({ name: "a.pdf", content: pdf() }, { name: "二层.zip", content: deepest });
    const outer = zipOf({ name: "资料/一层.zip", content: middle, method: "store" });
    const refused = await refusal(outer);
    expect(refused.path).toEqual(["资料/一层.zip", "二层.zip", "readme.txt"]);
    expect(refused.zh).toContain("Windows 可执行程序");
  });

  it("refuses archives nested deeper than the limit", async () => {
    let zip = zipOf({ name: "a.pdf", content: pdf() });
    for (let level = 0; level <= ZIP_LIMITS.maxDepth; level++) {
      zip = zipOf({ name: `level-${level}.zip`, content: zip });
    }
    const refused = await refusal(zip);
    expect(refused.zh).toContain("嵌套层数过多");
    expect(refused.path).toHaveLength(ZIP_LIMITS.maxDepth + 1);
  });

  it("refuses macro documents inside, found by content whatever their names", async () => {
    const docm = officePackage("word", { mainType: MAIN_TYPES.docm });
    const asDocx = await refusal(zipOf({ name: "材料/报告.docx", content: docm }));
    expect(asDocx).toMatchObject({ path: ["材料/报告.docx"] });
    expect(asDocx.zh).toContain("含宏的 Office 文档");

    const doc = await refusal(
      zipOf({ name: "a.doc", content: oleFile("WordDocument", "Macros/") }),
    );
    expect(doc.zh).toContain("含宏的 Office 文档");
    const odt = zipOf(
      { name: "mimetype", content: "application/vnd.oasis.opendocument.text", method: "store" },
      { name: "Basic/Standard/Module1.xml", content: "<x/>" },
    );
    expect((await refusal(zipOf({ name: "b.odt", content: odt }))).zh).toContain("宏");
  });

  it("refuses an installer inside (an OLE file that is no Office document)", async () => {
    const refused = await refusal(zipOf({ name: "补丁.dat", content: oleFile("\u4840\u3f3f") }));
    expect(refused.zh).toContain("OLE");
  });
});

describe("ZIP evidence refused for how it is built", () => {
  it("refuses an encrypted entry", async () => {
    const refused = await refusal(
      zipOf({ name: "a.pdf", content: pdf() }, { name: "密.pdf", content: pdf(), encrypted: true }),
    );
    expect(refused).toMatchObject({ path: ["密.pdf"] });
    expect(refused.zh).toContain("加密");
  });

  it.each(["../../etc/cron.d/job", "/etc/passwd", "C:\\Windows\\win.ini", "a\\..\\..\\b.txt"])(
    "refuses the entry name %s that leaves the folder",
    async (name) => {
      const refused = await refusal(zipOf({ name, content: "x" }));
      expect(refused.path).toEqual([name]);
      expect(refused.zh).toContain("路径越出");
    },
  );

  it("refuses symbolic links, control characters in names and duplicate names", async () => {
    const link = await refusal(zipOf({ name: "docs", content: "/etc", symlink: true }));
    expect(link.zh).toContain("符号链接");
    const control = await refusal(zipOf({ name: "a.pdf\0.exe", content: "x" }));
    expect(control.zh).toContain("控制字符");
    const twice = await refusal(
      zipOf({ name: "Report.pdf", content: pdf() }, { name: "report.PDF", content: "x" }),
    );
    expect(twice).toMatchObject({ path: ["report.PDF"] });
    expect(twice.zh).toContain("重名");
  });

  it("refuses a 1 GB bomb from what it declares, before unpacking it", async () => {
    const bomb = zipOf({ name: "zeros.bin", data: zerosDeflated(1024), declaredSize: 1024 * MiB });
    const refused = await refusal(bomb);
    expect(refused.path).toEqual(["zeros.bin"]);
    expect(refused.zh).toContain("压缩比异常");
  });

  it("refuses an entry declaring a ratio of 10,000:1", async () => {
    const data = deflateRawSync(Buffer.alloc(256 * 1024));
    const refused = await refusal(
      zipOf({ name: "a.txt", data, declaredSize: data.length * 10_000 }),
    );
    expect(refused.zh).toContain(`超过 ${ZIP_LIMITS.maxRatio}:1`);
  });

  it("stops an entry the moment it unpacks past its declared size", async () => {
    // 1 GiB of zeros that claims to be 1 KB: unpacking it all would end in the total
    // limit instead, with another message.
    const liar = zipOf({ name: "small.txt", data: zerosDeflated(1024), declaredSize: 1000 });
    const refused = await refusal(liar);
    expect(refused.path).toEqual(["small.txt"]);
    expect(refused.zh).toContain("超过其声明大小");
  });

  it("refuses many small entries that together unpack past the total limit", async () => {
    // Each is 1 MiB of zeros: compressed 1,000:1 but small enough for the ratio check.
    const data = deflateRawSync(Buffer.alloc(MiB));
    const entries = Array.from({ length: 600 }, (_, index) => ({
      name: `${index}.txt`,
      data,
      declaredSize: MiB,
      crc: 0,
    }));
    const refused = await refusal(buildZip(entries));
    expect(refused.path).toEqual([]);
    expect(refused.zh).toContain("解压后过大");
  });

  it("counts what nested archives unpack against the same total", async () => {
    const inner = zipOf({ name: "b.bin", content: randomBytes(1500), method: "store" });
    // One nested archive costs its own bytes and its entry's; two cost twice that.
    const limits = { ...ZIP_LIMITS, maxUnpackedBytes: 2 * (inner.length + 1500) - 1 };
    expect(await detectFileType(zipOf({ name: "a.zip", content: inner }), limits)).toEqual(
      ACCEPTED_ZIP,
    );
    const twice = zipOf({ name: "a.zip", content: inner }, { name: "b.zip", content: inner });
    expect((await refusal(twice, limits)).zh).toContain("解压后过大");
  });

  it("refuses an entry whose size or checksum is not what it declares", async () => {
    const short = await refusal(zipOf({ name: "a.txt", content: "abc", declaredSize: 10 }));
    expect(short.zh).toContain("已损坏的条目");
    const crc = await refusal(zipOf({ name: "a.txt", content: "abc", crc: 1 }));
    expect(crc.zh).toContain("已损坏的条目");
    const garbage = await refusal(
      zipOf({ name: "a.txt", data: Buffer.from([0xff, 0xfe, 0xfd]), declaredSize: 3 }),
    );
    expect(garbage.zh).toContain("已损坏的条目");
  });

  it("refuses more entries than the limit, across nested archives too", async () => {
    const names = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ name: `${index}.txt`, content: "x" }));
    const tooMany = await refusal(buildZip(names(ZIP_LIMITS.maxEntries + 1)));
    expect(tooMany.zh).toContain("条目过多");

    const limits = { ...ZIP_LIMITS, maxEntries: 3 };
    expect(await detectFileType(buildZip(names(3)), limits)).toEqual(ACCEPTED_ZIP);
    const nested = zipOf(
      { name: "a.txt", content: "a" },
      { name: "b.zip", content: buildZip(names(2)) },
    );
    expect((await refusal(nested, limits)).zh).toContain("条目过多");
  });

  it("does not count the parts of Office documents inside as entries", async () => {
    const limits = { ...ZIP_LIMITS, maxEntries: 3 };
    const reports = [1, 2, 3].map((n) => ({
      name: `报告${n}.docx`,
      content: officePackage("word"),
    }));
    expect(await detectFileType(buildZip(reports), limits)).toEqual(ACCEPTED_ZIP);
  });

  it("refuses in ZIP64 archives too", async () => {
    const zip = buildZip([{ name: "setup.exe", content: WINDOWS_PROGRAM }], { zip64: true });
    expect((await refusal(zip)).path).toEqual(["setup.exe"]);
  });

  it("refuses data the directory does not list, and headers that disagree with it", async () => {
    const hidden = buildZip([{ name: "a.pdf", content: pdf() }], {
      gap: buildZip([{ name: "setup.exe", content: WINDOWS_PROGRAM }]).subarray(0, 60),
    });
    expect((await refusal(hidden)).zh).toContain("结构异常的 ZIP 文件");
    const renamed = zipOf({ name: "a.pdf", localName: "a.exe", content: pdf() });
    expect((await refusal(renamed)).zh).toContain("结构异常的 ZIP 文件");
  });

  it("refuses compression methods it cannot unpack", async () => {
    const bzip2 = await refusal(
      zipOf({ name: "a.pdf", data: Buffer.from("BZh9"), methodNumber: 12 }),
    );
    expect(bzip2.zh).toContain("不支持的压缩方式（12）");
  });

  it("refuses a nested archive too large to hold, and one that takes too long", async () => {
    const inner = zipOf({ name: "a.pdf", content: pdf() });
    const limits = { ...ZIP_LIMITS, maxNestedBytes: inner.length - 1 };
    const nested = await refusal(zipOf({ name: "in.zip", content: inner }), limits);
    expect(nested.zh).toContain("过大的嵌套");
    expect(await detectFileType(zipOf({ name: "in.zip", content: inner }))).toEqual(ACCEPTED_ZIP);

    const slow = await refusal(zipOf({ name: "a.pdf", content: pdf() }), {
      ...ZIP_LIMITS,
      maxMillis: 0,
    });
    expect(slow.zh).toContain("耗时过长");
  });
});

describe("ZIP inspection over random archives", () => {
  const safeName = fc
    .array(fc.constantFrom(..."abcxyz019统计表照片_-"), { minLength: 1, maxLength: 12 })
    .map((chars) => chars.join(""));
  const harmless = fc.uniqueArray(
    fc.record({
      name: fc
        .tuple(safeName, fc.constantFrom(".pdf", ".jpg", ".txt", ".csv", ""))
        .map(([stem, extension]) => stem + extension),
      content: fc
        .uint8Array({ maxLength: 300 })
        .map((bytes) => Buffer.concat([Buffer.from("%"), bytes])),
      method: fc.constantFrom("store" as const, "deflate" as const),
    }),
    { minLength: 1, maxLength: 12, selector: (entry) => entry.name.toLowerCase() },
  );

  it("accepts any archive of harmless files, and refuses it naming an executable slipped in anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(harmless, fc.nat(), fc.boolean(), async (entries, at, byName) => {
        expect(await detectFileType(buildZip(entries))).toEqual(ACCEPTED_ZIP);
        const position = at % (entries.length + 1);
        const program = byName
          ? { name: "zz-tool.exe", content: "plain text" }
          : { name: "zz-notes.txt", content: WINDOWS_PROGRAM };
        const withProgram = [...entries.slice(0, position), program, ...entries.slice(position)];
        const verdict = await detectFileType(buildZip(withProgram));
        expect(verdict).toMatchObject({ accepted: false, entryPath: [program.name] });
      }),
      { numRuns: 60 },
    );
  });
});
