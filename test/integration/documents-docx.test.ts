import { demoReportPayload } from "../support/demo-report";
import { DOCUMENT_OUTPUT, pageCount, pageText, savePagePng } from "../support/poppler";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { formatScore } from "../../src/core/documents/chinese-format";
import type { ReportBlock } from "../../src/core/documents/report-blocks";
import type { ReportPayload } from "../../src/core/documents/report-payload";
import { reportOutline, reportTitle } from "../../src/core/documents/report-outline";
import { chartSvg, renderChartPng } from "../../src/server/documents/charts/render-chart";
import { renderReportDocx } from "../../src/server/documents/docx/render-report-docx";

function demoPayload(department: { code: string; name: string } | null): ReportPayload {
  return demoReportPayload(department);
}

async function unzip(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const members = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    members.set(entry.fileName, Buffer.concat(chunks).toString("latin1"));
  }
  return members;
}

function utf8(text: string | undefined): string {
  return Buffer.from(text ?? "", "latin1").toString("utf8");
}

/** One w:style element of styles.xml by its id. */
function styleXml(styles: string, id: string): string {
  const match = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(
    styles,
  );
  return match?.[0] ?? "";
}

/** Converts with LibreOffice in a fresh profile; the converter can exit 0 without writing. */
function convertToPdf(docx: string, outDir: string, profile: string): string {
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      docx,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const pdf = docx.replace(/\.docx$/, ".pdf").replace(/^.*\//, `${outDir}/`);
  expect(existsSync(pdf), `LibreOffice wrote no PDF for ${docx}`).toBe(true);
  return pdf;
}

describe("the Word reports of the demo", () => {
  const work = mkdtempSync(join(tmpdir(), "kaoping-docx-"));
  const reports: { name: string; payload: ReportPayload; blocks: ReportBlock[]; docx: Buffer }[] =
    [];

  beforeAll(async () => {
    mkdirSync(DOCUMENT_OUTPUT, { recursive: true });
    for (const [name, department] of [
      ["city", null],
      ["edu", { code: "EDU", name: "市教育局" }],
    ] as const) {
      const payload = demoPayload(department);
      const blocks = reportOutline(payload);
      const docx = await renderReportDocx(blocks, {
        header: "示例数据（illustrative），不是真实统计数",
      });
      writeFileSync(join(DOCUMENT_OUTPUT, `report-${name}.docx`), docx);
      reports.push({ name, payload, blocks, docx });
    }
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("titles the city's and the department's report as the issue asks", () => {
    expect(reports.map((report) => reportTitle(report.payload))).toEqual([
      "惠州市2025年度基本公共服务均等化绩效自评报告",
      "市教育局2025年度基本公共服务均等化绩效自评报告",
    ]);
  });

  it("lays the page out per GB/T 9704-2012: A4, the official margins, alternating page numbers", async () => {
    const parts = await unzip(reports[0]!.docx);
    const document = utf8(parts.get("word/document.xml"));
    const section = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(document)?.[0] ?? "";
    expect(section).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 37 mm top, 26 mm right, 35 mm bottom, 28 mm left, in twips.
    expect(section).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const settings = utf8(parts.get("word/settings.xml"));
    expect(settings).toContain("<w:evenAndOddHeaders/>");
    expect(section).toMatch(/<w:footerReference w:type="default"/);
    expect(section).toMatch(/<w:footerReference w:type="even"/);
    const footers = [...parts.keys()].filter((name) => /^word\/footer\d+\.xml$/.test(name));
    const footerTexts = footers.map((name) => utf8(parts.get(name)));
    const right = footerTexts.find((text) => text.includes('<w:jc w:val="right"/>'));
    const left = footerTexts.find((text) => text.includes('<w:jc w:val="left"/>'));
    for (const footer of [right, left]) {
      expect(footer).toContain("— ");
      expect(footer).toContain(" —");
      expect(footer).toMatch(/PAGE/);
    }
  });

  it("defines the named styles with the official fonts and sizes", async () => {
    const parts = await unzip(reports[0]!.docx);
    const styles = utf8(parts.get("word/styles.xml"));
    const expectations: [string, string, number][] = [
      ["Title", "方正小标宋简体", 44],
      ["Heading1", "黑体", 32],
      ["Heading2", "楷体_GB2312", 32],
      ["Heading3", "仿宋_GB2312", 32],
      ["Body", "仿宋_GB2312", 32],
      ["TableText", "仿宋_GB2312", 24],
      ["PageNumber", "宋体", 28],
    ];
    for (const [id, fontName, size] of expectations) {
      const style = styleXml(styles, id);
      expect(style, id).toContain(`w:eastAsia="${fontName}"`);
      expect(style, id).toContain(`<w:sz w:val="${size}"/>`);
    }
    const body = styleXml(styles, "Body");
    expect(body).toMatch(/<w:spacing [^>]*w:line="579"[^>]*w:lineRule="exact"/);
    expect(body).toMatch(/w:firstLineChars="200"/);
    expect(styleXml(styles, "Title")).toContain('<w:jc w:val="center"/>');
    // Where 仿宋_GB2312 is not installed, Word takes 仿宋.
    const fontTable = utf8(parts.get("word/fontTable.xml"));
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    // No font file travels with the report: offices have the fonts installed.
    expect([...parts.keys()].some((name) => name.startsWith("word/fonts/"))).toBe(false);
  });

  it("opens with the title paragraph and holds the charts as PNG pictures", async () => {
    for (const report of reports) {
      const parts = await unzip(report.docx);
      const document = utf8(parts.get("word/document.xml"));
      const firstParagraph = /<w:body>\s*<w:p>([\s\S]*?)<\/w:p>/.exec(document)?.[1] ?? "";
      expect(firstParagraph).toContain('<w:pStyle w:val="Title"/>');
      expect(firstParagraph).toContain(reportTitle(report.payload));
      const pictures = [...parts.keys()].filter((name) => /^word\/media\/.+\.png$/.test(name));
      const charts = report.blocks.filter((block) => block.kind === "chart");
      expect(charts.length).toBeGreaterThan(0);
      expect(pictures).toHaveLength(charts.length);
      for (const picture of pictures) {
        expect(Buffer.from(parts.get(picture)!, "latin1").subarray(1, 4).toString()).toBe("PNG");
      }
      for (const style of ["Heading1", "Body", "Signature", "Notice", "Caption"]) {
        expect(document, style).toContain(`<w:pStyle w:val="${style}"/>`);
      }
    }
  });

  it("converts with LibreOffice to pages that show the title, the score and the grade on page 1", () => {
    for (const report of reports) {
      const docx = join(work, `report-${report.name}.docx`);
      writeFileSync(docx, report.docx);
      const pdf = convertToPdf(docx, work, join(work, `profile-${report.name}`));
      const firstPage = pageText(pdf, 1, { layout: true }).replace(/\s+/g, "");
      expect(firstPage).toContain(reportTitle(report.payload));
      expect(firstPage).toContain(formatScore(report.payload.score.score));
      expect(firstPage).toContain(`等级为“${report.payload.score.grade}”`);
      expect(firstPage).toContain("示例");
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThan(1);
      // The signature never stands alone on the last page.
      const lastPage = pageText(pdf, pages).replace(/\s+/g, "");
      expect(lastPage).toContain("2026年3月8日");
      expect(lastPage).toMatch(/表\d+/);
      // For a person to look at: the first page as the office would print it.
      expect(existsSync(savePagePng(pdf, 1, `report-${report.name}-page1`))).toBe(true);
    }
  }, 240_000);
});

describe("charts", () => {
  const chart = {
    id: "parts",
    title: "各构成得分率",
    categories: ["指标考评", "工作测评", "群众满意度"],
    values: [96.12, 88.5, 82.3],
    unit: "%",
    reference: { label: "目标95.00%", value: 95 },
  };

  it("draws the same chart to the same SVG every time", () => {
    expect(chartSvg(chart)).toBe(chartSvg(chart));
  });

  it("sets Chinese labels as outlines drawn with the bundled font", async () => {
    const svg = chartSvg(chart);
    expect(svg).toContain("各构成得分率");
    expect(svg).toContain("96.12%");
    const png = await renderChartPng(chart, { width: 400, height: 200, scale: 1 });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(400);
    expect(png.readUInt32BE(20)).toBe(200);
  });

  it("leaves the title out when the page sets it as text", () => {
    expect(chartSvg(chart, { title: false })).not.toContain("各构成得分率");
  });

  it("lays many bars down, one row per name, so every name can be read", async () => {
    const many = {
      ...chart,
      categories: Array.from({ length: 10 }, (_, index) => `第${index + 1}项指标`),
      values: Array.from({ length: 10 }, (_, index) => index / 10),
      unit: "",
    };
    const png = await renderChartPng(many, { width: 400, scale: 1 });
    expect(png.readUInt32BE(20)).toBeGreaterThan(10 * 25);
    for (const name of many.categories) expect(chartSvg(many)).toContain(name);
  });

  it("draws a value that is not a number as 0, never NaN", () => {
    const svg = chartSvg({ ...chart, values: [Number.NaN, Number.POSITIVE_INFINITY, 1] });
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
