import { demoReportPayload } from "../support/demo-report";
import { DOCUMENT_OUTPUT, pageCount, pageText, savePagePng } from "../support/poppler";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { degrees, PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportOutline } from "../../src/core/documents/report-outline";
import { volumeTableBlocks } from "../../src/core/documents/volume-tables";
import {
  buildVolume,
  SECTION_TITLES,
  type VolumeCertification,
  type VolumeEvidence,
  type VolumeInput,
} from "../../src/server/documents/pdf/build-volume";
import { renderChartPng } from "../../src/server/documents/charts/render-chart";
import { renderReportPdf } from "../../src/server/documents/pdf/render-report-pdf";

const OUTPUT = DOCUMENT_OUTPUT;
const scratch = mkdtempSync(join(tmpdir(), "kaoping-volume-"));

function demoInput(): Omit<VolumeInput, "evidence" | "certification"> {
  const payload = demoReportPayload();
  return {
    title: "惠州市2025年度基本公共服务均等化绩效考评资料汇编",
    subtitle: "惠州市\u30002026年3月8日",
    illustrative: true,
    report: reportOutline(payload),
    tables: volumeTableBlocks(payload),
  };
}

/**
 * A 3-page PDF with Latin text (the standard fonts cannot write Chinese); page 3 is shown
 * turned by 90° (/Rotate), as scanned landscape tables are.
 */
async function threePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 3; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Evidence page ${n}`, { x: 72, y: 700, size: 24, font });
    if (n === 3) page.setRotation(degrees(90));
  }
  return Buffer.from(await doc.save());
}

/** A small RGB PNG, encoded here: signature, IHDR, one IDAT, IEND. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.from([0, ...Array.from({ length: width }, (_, x) => [x * 4, y * 4, 160]).flat()]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** The page's text with its layout kept (columns of the contents stay on their lines). */
const laidOut = (file: string, page: number) => pageText(file, page, { layout: true });

/** Only the text inside the sheet (A4 either way up): text drawn off the page is not on paper. */
function textOnSheet(file: string, page: number): string {
  const crop = ["-x", "0", "-y", "0", "-W", "842", "-H", "842"];
  return run("pdftotext", ["-f", String(page), "-l", String(page), ...crop, file, "-"]);
}

/** pdftotext may drop the spaces inside "— 3 —" (they are glyph spacing, not characters). */
function hasPageNumber(text: string, n: number): boolean {
  return new RegExp(`—\\s*${n}\\s*—`).test(text);
}

const CERTIFICATION: VolumeCertification = {
  declaration: "本人确认所报数据真实、准确、完整，对其负责。",
  signedBy: "王主任（office-head）",
  signedAt: "2026-03-09T06:05:00Z",
  snapshotDigest: "5d2e0c0b7f1a4e6e9b1c3d5f7a9b0c2d4e6f8a0b1c3d5e7f9a1b2c3d4e5f6a7b",
  auditHead: {
    seq: 4217,
    hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  },
  state: "submitted",
};

interface Built {
  file: string;
  bare: string;
  progress: { done: number; total: number; stage: string }[];
  reads: string[];
  mostReadsAtOnce: number;
  evidence: VolumeEvidence[];
}

let built: Built;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const pdf = await threePagePdf();
  writeFileSync(join(scratch, "evidence.pdf"), pdf);
  run("pdftoppm", [
    "-jpeg",
    "-r",
    "20",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    join(scratch, "evidence.pdf"),
    join(scratch, "photo"),
  ]);
  const jpeg = readFileSync(join(scratch, "photo.jpg"));
  run("qpdf", [
    "--encrypt",
    "user",
    "owner",
    "256",
    "--",
    join(scratch, "evidence.pdf"),
    join(scratch, "locked.pdf"),
  ]);
  const locked = readFileSync(join(scratch, "locked.pdf"));
  const docx = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)]);
  const corrupt = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without a page tree");

  const reads: string[] = [];
  let reading = 0;
  let mostReadsAtOnce = 0;
  const file = (
    itemCode: string,
    itemName: string,
    fileName: string,
    mediaType: string,
    /** null: the store's own "missing" refusal; an Error: a system failure while reading. */
    bytes: Buffer | Error | null,
    sha256 = "0".repeat(64),
  ): VolumeEvidence => ({
    itemCode,
    itemName,
    fileName,
    mediaType,
    size: bytes instanceof Buffer ? bytes.length : 0,
    sha256,
    read: async () => {
      reading += 1;
      mostReadsAtOnce = Math.max(mostReadsAtOnce, reading);
      reads.push(fileName);
      await new Promise((resolve) => setTimeout(resolve, 5));
      reading -= 1;
      if (bytes instanceof Error) throw bytes;
      if (!bytes) throw new Error("辅证材料 丢失.pdf 的文件缺失或已损坏");
      return bytes;
    },
  });
  const evidence = [
    file("I001", "学前教育毛入园率", "入园率统计.pdf", "application/pdf", pdf),
    file("I001", "学前教育毛入园率", "现场照片.png", "image/png", png(60, 40)),
    file("I002", "义务教育巩固率", "巩固率公示.jpg", "image/jpeg", jpeg),
    file(
      "W001",
      "制定年度实施方案",
      "实施方案.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      docx,
      "ab".repeat(32),
    ),
    file("W001", "制定年度实施方案", "损坏.pdf", "application/pdf", corrupt),
    file("W001", "制定年度实施方案", "加密.pdf", "application/pdf", locked),
    file("W001", "制定年度实施方案", "丢失.pdf", "application/pdf", null),
    file(
      "W001",
      "制定年度实施方案",
      "磁盘错误.pdf",
      "application/pdf",
      new Error("EIO: i/o error, read '/var/lib/kaoping/evidence/ab'"),
    ),
  ];
  const progress: Built["progress"] = [];
  const input = demoInput();
  const bytes = await buildVolume({ ...input, evidence, certification: CERTIFICATION }, (step) =>
    progress.push(step),
  );
  const bareBytes = await buildVolume({ ...input, evidence: [], certification: null });
  const volumeFile = join(OUTPUT, "volume.pdf");
  const bareFile = join(OUTPUT, "volume-bare.pdf");
  writeFileSync(volumeFile, bytes);
  writeFileSync(bareFile, bareBytes);
  built = { file: volumeFile, bare: bareFile, progress, reads, mostReadsAtOnce, evidence };
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The contents' lines (pages 2 to `last`): title and page number. */
function contents(file: string, last = 2): { title: string; page: number }[] {
  return Array.from({ length: last - 1 }, (_, i) => laidOut(file, i + 2))
    .join("\n")
    .split("\n")
    .map((line) => /^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ title: match[1]!.replace(/\s+/g, " "), page: Number(match[2]) }));
}

describe("the bound volume (PDF)", () => {
  it("holds every page: the bare volume plus 3 merged PDF pages, 2 image pages and 2 item pages", () => {
    // Evidence adds: the three copied pages, one page per image, and a new page for the
    // items after one that brought pages (I002, W001); I001 shares the section's first page.
    expect(pageCount(built.file)).toBe(pageCount(built.bare) + 3 + 2 + 2);
    const info = run("pdfinfo", [built.file]);
    expect(info).toMatch(/Title:\s+惠州市2025年度基本公共服务均等化绩效考评资料汇编/);
    expect(info).toMatch(/Creator:\s+Kaoping/);
  });

  it("embeds Noto Sans SC as subsets (regular and bold)", () => {
    // Each whole font is about 10 MB (6 MB compressed); subsets of a volume's glyphs are kilobytes.
    expect(readFileSync(built.bare).length).toBeLessThan(1.5 * 1024 * 1024);
    const fonts = run("pdffonts", [built.file])
      .split("\n")
      .slice(2)
      .filter((line) => line.includes("NotoSansSC"))
      .map((line) => line.trim().split(/\s+/));
    const names = fonts.map((columns) => columns[0]);
    expect(names.some((name) => /^[A-Z]{6}\+NotoSansSC-Regular$/.test(name!))).toBe(true);
    expect(names.some((name) => /^[A-Z]{6}\+NotoSansSC-Bold$/.test(name!))).toBe(true);
    for (const columns of fonts) {
      // name, type (2 words), encoding, emb, sub, uni, object id (2)
      expect(columns.slice(-5, -2)).toEqual(["yes", "yes", "yes"]);
    }
  });

  it("lists each section and evidence item in the contents with the page it starts on", () => {
    const entries = contents(built.file);
    const titles = entries.map((entry) => entry.title);
    for (const section of Object.values(SECTION_TITLES)) expect(titles).toContain(section);
    expect(titles).toEqual(
      expect.arrayContaining([
        "I001 学前教育毛入园率",
        "I002 义务教育巩固率",
        "W001 制定年度实施方案",
      ]),
    );
    expect(titles).toContain("一、基本情况");
    expect(titles).toContain("（一）指标考评表");
    for (const entry of entries) {
      const text = laidOut(built.file, entry.page).replace(/\s+/g, " ");
      expect(text, `${entry.title} on page ${entry.page}`).toContain(entry.title.split(" ").at(-1));
    }
    const pages = entries.map((entry) => entry.page);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it("numbers every page after the cover as — n —, merged evidence pages included", () => {
    const count = pageCount(built.file);
    expect(laidOut(built.file, 1)).not.toMatch(/—\s*\d+\s*—/);
    for (let page = 2; page <= count; page++) {
      expect(hasPageNumber(textOnSheet(built.file, page), page), `page ${page}`).toBe(true);
    }
    const merged = [1, 2, 3].map((n) => {
      const pages = Array.from({ length: count }, (_, i) => i + 1);
      return pages.find((page) => laidOut(built.file, page).includes(`Evidence page ${n}`))!;
    });
    expect(merged[1]).toBe(merged[0]! + 1);
    expect(merged[2]).toBe(merged[0]! + 2);
  });

  it("ends with the certification page: declaration, signer, Beijing time, SM3 digest, audit head", () => {
    const last = laidOut(built.file, pageCount(built.file)).replace(/\s+/g, "");
    expect(last).toContain("四、报送确认");
    expect(last).toContain(CERTIFICATION.declaration);
    expect(last).toContain("王主任（office-head）");
    expect(last).toContain("2026年3月9日14:05");
    expect(last).toContain(CERTIFICATION.snapshotDigest);
    expect(last).toContain(`序号${CERTIFICATION.auditHead!.seq}`);
    expect(last).toContain(CERTIFICATION.auditHead!.hash);
    expect(last).toContain("数据库之外");
    const bareLast = laidOut(built.bare, pageCount(built.bare));
    expect(bareLast).toContain("尚未报送确认");
  });

  it("lists files it cannot bind with their digest and the reason, without failing", () => {
    const all = run("pdftotext", [built.file, "-"]).replace(/\s+/g, "");
    expect(all).toContain("实施方案.docx");
    expect(all).toContain("ab".repeat(32));
    expect(all).toContain("不是PDF或图片");
    expect(all).toContain("PDF文件已损坏");
    expect(all).toContain("PDF文件已加密");
    expect(all).toContain("文件缺失或已损坏");
    // A system error's text (with its path) stays out of the printed volume.
    expect(all).toContain("文件无法读取，未装订");
    expect(all).not.toContain("/var/lib/kaoping");
    expect(all).toContain("已装订，共3页");
  });

  it("has bookmarks per section and per evidence item that open their pages", () => {
    interface Outline {
      title: string;
      destpageposfrom1: number;
      kids: Outline[];
    }
    const json = JSON.parse(run("qpdf", ["--json", "--json-key=outlines", built.file])) as {
      outlines: Outline[];
    };
    const top = json.outlines.map((entry) => entry.title);
    expect(top).toEqual(["目录", ...Object.values(SECTION_TITLES)]);
    const evidence = json.outlines.find((entry) => entry.title === SECTION_TITLES.evidence)!;
    expect(evidence.kids.map((kid) => kid.title)).toEqual([
      "I001\u3000学前教育毛入园率",
      "I002\u3000义务教育巩固率",
      "W001\u3000制定年度实施方案",
    ]);
    const pages = new Map(contents(built.file).map((entry) => [entry.title, entry.page]));
    for (const entry of json.outlines.slice(1)) {
      expect(entry.destpageposfrom1, entry.title).toBe(pages.get(entry.title));
    }
    for (const kid of evidence.kids) {
      expect(kid.destpageposfrom1).toBe(pages.get(kid.title.replace("\u3000", " ")));
    }
  });

  it("reads evidence one file at a time, once each, in catalogue order, and reports progress", () => {
    expect(built.reads).toEqual(built.evidence.map((file) => file.fileName));
    expect(built.mostReadsAtOnce).toBe(1);
    const { progress } = built;
    const total = progress[0]!.total;
    expect(progress.at(-1)).toEqual({ done: total, total, stage: "完成" });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    }
    for (const file of built.evidence) {
      expect(progress.some((step) => step.stage.includes(file.fileName))).toBe(true);
    }
  });

  it("renders the cover, a report page and the certification page with visible glyphs", () => {
    const last = pageCount(built.file);
    for (const [name, page] of [
      ["volume-cover", 1],
      ["volume-report", 3],
      ["volume-certification", last],
    ] as const) {
      savePagePng(built.file, page, name);
      // A grey map of the page: glyphs that did not render leave the page (nearly) white.
      const pgm = execFileSync("pdftoppm", [
        "-gray",
        "-r",
        "30",
        "-f",
        String(page),
        "-l",
        String(page),
        "-singlefile",
        built.file,
      ]);
      const pixels = pgm.subarray(pgm.length - 248 * 351);
      const dark = pixels.filter((value) => value < 128).length;
      expect(dark, name).toBeGreaterThan(500);
    }
  });
});

describe("a volume with many evidence items", () => {
  it("reserves enough contents pages and numbers every entry right", async () => {
    const items = 70;
    const evidence: VolumeEvidence[] = Array.from({ length: items }, (_, i) => ({
      itemCode: `W${String(i + 1).padStart(3, "0")}`,
      itemName: `工作测评项目${i + 1}`,
      fileName: `说明${i + 1}.txt`,
      mediaType: "text/plain",
      size: 12,
      sha256: "1".repeat(64),
      read: async () => Buffer.from("plain text.\n"),
    }));
    const file = join(OUTPUT, "volume-many-items.pdf");
    writeFileSync(file, await buildVolume({ ...demoInput(), evidence, certification: null }));
    const sectionPage = Number(/\n\s*一、自评报告\s*\.{3,}\s*(\d+)/.exec(laidOut(file, 2))![1]);
    // 4 sections + 11 report headings + 2 tables + 70 items: more than three pages of lines.
    expect(sectionPage).toBeGreaterThan(5);
    const entries = contents(file, sectionPage - 1);
    expect(entries).toHaveLength(4 + 11 + 2 + items);
    expect(laidOut(file, sectionPage - 1)).toMatch(/四、报送确认/);
    for (const entry of entries.filter((_, i) => i % 9 === 0 || i === entries.length - 1)) {
      const text = laidOut(file, entry.page).replace(/\s+/g, " ");
      expect(text, `${entry.title} on page ${entry.page}`).toContain(entry.title.split(" ").at(-1));
    }
  });
});

describe("renderReportPdf", () => {
  it("draws the report alone, numbered from — 1 —, with a bookmark per first-level heading", async () => {
    const bytes = await renderReportPdf(demoInput().report, {
      illustrative: true,
      renderChart: renderChartPng,
    });
    const file = join(OUTPUT, "report-drawn.pdf");
    writeFileSync(file, bytes);
    expect(pageCount(file)).toBeGreaterThan(2);
    expect(hasPageNumber(laidOut(file, 1), 1)).toBe(true);
    expect(hasPageNumber(laidOut(file, 2), 2)).toBe(true);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe("惠州市2025年度基本公共服务均等化绩效自评报告");
    const json = JSON.parse(run("qpdf", ["--json", "--json-key=outlines", file])) as {
      outlines: { title: string }[];
    };
    expect(json.outlines.map((entry) => entry.title)).toContain("十一、达标改进计划");
    // The charts arrive as PNGs from the renderer and are placed as images.
    const images = run("pdfimages", ["-list", file]).split("\n").slice(2).filter(Boolean);
    expect(images.length).toBeGreaterThan(0);
  });

  it("draws the bars itself when the chart renderer fails", async () => {
    const bytes = await renderReportPdf(demoInput().report, {
      renderChart: () => Promise.reject(new Error("renderer unavailable")),
    });
    const file = join(OUTPUT, "report-drawn-bars.pdf");
    writeFileSync(file, bytes);
    expect(run("pdfimages", ["-list", file]).split("\n").slice(2).filter(Boolean)).toEqual([]);
    const chart = demoInput().report.find((block) => block.kind === "chart");
    expect(chart?.kind).toBe("chart");
    const text = run("pdftotext", [file, "-"]).replace(/\s+/g, "");
    if (chart?.kind === "chart") {
      expect(text).toContain(chart.chart.title);
      expect(text).toContain(chart.chart.categories[0]!.slice(0, 4));
    }
  });
});
