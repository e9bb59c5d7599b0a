import { PDFDocument, type PDFPage } from "pdf-lib";
import type { ReportBlock } from "../../../core/documents/report-blocks";
import { embedCjkFonts } from "./cjk-font";
import { drawCertification } from "./certification-page";
import { contentsPageCount, writeContents, type ContentsEntry } from "./contents-pages";
import { drawCover } from "./cover-page";
import { drawBlocks, type HeadingAnchor } from "./draw-blocks";
import { drawEvidenceSection, groupByItem } from "./evidence-section";
import { writeOutline, type OutlineEntry } from "./outline";
import { numberPages } from "./page-numbers";
import { A4, BODY_LEADING, BODY_SIZE, PageWriter } from "./page-writer";
import { setDocumentInfo } from "./document-info";
import type { VolumeInput, VolumeProgress } from "./volume-input";

export type {
  VolumeCertification,
  VolumeEvidence,
  VolumeInput,
  VolumeProgress,
} from "./volume-input";

export const SECTION_TITLES = {
  report: "一、自评报告",
  tables: "二、考评表",
  evidence: "三、辅证材料",
  certification: "四、报送确认",
} as const;

const SECTION_SIZE = 18;
const SECTION_LEADING = 40;
export const ILLUSTRATIVE_MARK = "示例（illustrative）";

/** Which headings of the report and of the tables appear in the contents and bookmarks. */
const REPORT_HEADING_LEVEL = 1;
const TABLES_HEADING_LEVEL = 2;

function headingCount(blocks: readonly ReportBlock[], level: number): number {
  return blocks.filter((block) => block.kind === "heading" && block.level === level).length;
}

function startSection(writer: PageWriter, title: string): PDFPage {
  writer.finishPage();
  const page = writer.newPage();
  writer.paragraph(title, {
    font: writer.fonts.bold,
    size: SECTION_SIZE,
    leading: SECTION_LEADING,
    align: "center",
  });
  writer.gap(BODY_LEADING / 2);
  return page;
}

interface Section {
  title: string;
  page: PDFPage;
  children: { title: string; page: PDFPage }[];
}

function headingsAt(anchors: readonly HeadingAnchor[], level: number) {
  return anchors.filter((anchor) => anchor.level === level);
}

/**
 * The bound volume (装订成册) as one PDF: cover, contents with page numbers, 一 the report,
 * 二 the tables, 三 the evidence in catalogue order (PDFs merged, images placed, other
 * files listed with their digest), 四 the certification page; bookmarks per section and
 * per evidence item, "— n —" on every page after the cover. Everything is laid out first;
 * the contents are written last onto pages reserved for them.
 */
export async function buildVolume(
  input: VolumeInput,
  onProgress?: VolumeProgress,
): Promise<Buffer> {
  const items = groupByItem(input.evidence);
  const total = 5 + input.evidence.length;
  let done = 0;
  const step = (stage: string) => onProgress?.({ done: done++, total, stage });

  step("封面和目录");
  const doc = await PDFDocument.create();
  const fonts = await embedCjkFonts(doc);
  const writer = new PageWriter(doc, fonts);
  drawCover(writer, input.title, input.subtitle, input.illustrative);
  const plannedEntries =
    4 +
    headingCount(input.report, REPORT_HEADING_LEVEL) +
    headingCount(input.tables, TABLES_HEADING_LEVEL) +
    items.length;
  const contentsPages = Array.from({ length: contentsPageCount(plannedEntries) }, () =>
    doc.addPage([A4.width, A4.height]),
  );

  step("自评报告");
  const reportPage = startSection(writer, SECTION_TITLES.report);
  const reportAnchors = await drawBlocks(writer, input.report, input.renderChart);

  step("考评表");
  const tablesPage = startSection(writer, SECTION_TITLES.tables);
  const tableAnchors = await drawBlocks(writer, input.tables, input.renderChart);

  const evidencePage = startSection(writer, SECTION_TITLES.evidence);
  const fileCount = input.evidence.length;
  writer.paragraph(
    fileCount === 0
      ? "本册没有辅证材料。"
      : `共${items.length}个项目、${fileCount}个文件，按考评项目目录顺序排列。PDF 文件逐页装订，图片缩放后每张一页，其他文件只列出名称、大小和 SHA-256 摘要。`,
    { font: fonts.regular, size: BODY_SIZE, leading: BODY_LEADING },
    2 * BODY_SIZE,
  );
  const evidence = await drawEvidenceSection(writer, doc, items, (file) =>
    step(`辅证材料：${file.fileName}`),
  );

  step("报送确认");
  const certificationPage = startSection(writer, SECTION_TITLES.certification);
  drawCertification(writer, input.certification);
  writer.finishPage();

  const sections: Section[] = [
    {
      title: SECTION_TITLES.report,
      page: reportPage,
      children: headingsAt(reportAnchors, REPORT_HEADING_LEVEL),
    },
    {
      title: SECTION_TITLES.tables,
      page: tablesPage,
      children: headingsAt(tableAnchors, TABLES_HEADING_LEVEL),
    },
    { title: SECTION_TITLES.evidence, page: evidencePage, children: evidence.anchors },
    { title: SECTION_TITLES.certification, page: certificationPage, children: [] },
  ];
  const entries: ContentsEntry[] = sections.flatMap((section) => [
    { title: section.title, level: 1 as const, page: section.page },
    ...section.children.map((child) => ({
      title: child.title,
      level: 2 as const,
      page: child.page,
    })),
  ]);
  const numbers = new Map(doc.getPages().map((page, index) => [page, index + 1]));
  writeContents(contentsPages, entries, (page) => numbers.get(page) ?? 0, fonts);
  numberPages(doc, {
    font: fonts.regular,
    foreign: evidence.foreign,
    firstNumbered: 1,
    mark: input.illustrative ? ILLUSTRATIVE_MARK : null,
  });
  const outline: OutlineEntry[] = [
    { title: "目录", page: contentsPages[0]!, children: [] },
    ...sections.map((section) => ({
      title: section.title,
      page: section.page,
      children: section.children.map((child) => ({ ...child, children: [] })),
    })),
  ];
  writeOutline(doc, outline);
  setDocumentInfo(doc, input.title, input.illustrative);

  step("生成 PDF 文件");
  const bytes = await doc.save();
  onProgress?.({ done: total, total, stage: "完成" });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
