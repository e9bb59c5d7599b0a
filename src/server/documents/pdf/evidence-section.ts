import type { PDFDocument, PDFImage, PDFPage } from "pdf-lib";
import { subHeadingOrdinal } from "../../../core/documents/chinese-format";
import { bindEvidenceFile, type BoundFile } from "./bind-evidence-file";
import type { Anchor } from "./draw-blocks";
import { drawTable } from "./draw-table";
import { BODY_LEADING, BODY_SIZE, TEXT_BLOCK, type PageWriter } from "./page-writer";
import type { VolumeEvidence } from "./volume-input";

const CAPTION_SIZE = 12;
const CAPTION_LEADING = 22;
/** Images are not enlarged beyond 96 dpi (a small screenshot stays small). */
const POINTS_PER_PIXEL = 72 / 96;

export interface EvidenceItem {
  code: string;
  name: string;
  files: VolumeEvidence[];
}

/** Consecutive files of the same item, kept in the catalogue's order. */
export function groupByItem(files: readonly VolumeEvidence[]): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (const file of files) {
    const last = items[items.length - 1];
    if (last && last.code === file.itemCode) last.files.push(file);
    else items.push({ code: file.itemCode, name: file.itemName, files: [file] });
  }
  return items;
}

/** 2048 → "2.0 KB" */
export function byteSize(size: number): string {
  if (!Number.isFinite(size) || size < 0) return "—";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

function outcome(bound: BoundFile): string {
  switch (bound.kind) {
    case "pages":
      return `已装订，共${bound.pages.length}页`;
    case "image":
      return "已装订（图片）";
    case "listed":
      return bound.reason;
  }
}

function drawImagePage(writer: PageWriter, image: PDFImage, caption: string): void {
  writer.newPage();
  writer.paragraph(caption, {
    font: writer.fonts.regular,
    size: CAPTION_SIZE,
    leading: CAPTION_LEADING,
  });
  const room = writer.remaining();
  const scale = Math.min(TEXT_BLOCK.width / image.width, room / image.height, POINTS_PER_PIXEL);
  const width = image.width * scale;
  const height = image.height * scale;
  writer.current.drawImage(image, {
    x: TEXT_BLOCK.left + (TEXT_BLOCK.width - width) / 2,
    y: writer.y - height,
    width,
    height,
  });
  writer.finishPage();
}

export interface EvidenceSectionResult {
  anchors: Anchor[];
  /** Pages copied from evidence PDFs (their content is isolated before numbering). */
  foreign: Set<PDFPage>;
}

/**
 * 辅证材料: per item a heading and the list of its files (name, SHA-256, size, what became
 * of it), then the item's PDFs page by page and its images one to a page. Files are read
 * one at a time; `onFile` is told after each.
 */
export async function drawEvidenceSection(
  writer: PageWriter,
  doc: PDFDocument,
  items: readonly EvidenceItem[],
  onFile: (file: VolumeEvidence) => void,
): Promise<EvidenceSectionResult> {
  const anchors: Anchor[] = [];
  const foreign = new Set<PDFPage>();
  const body = { font: writer.fonts.regular, size: BODY_SIZE, leading: BODY_LEADING };
  for (const [index, item] of items.entries()) {
    const bound: BoundFile[] = [];
    for (const file of item.files) {
      bound.push(await bindEvidenceFile(doc, file));
      onFile(file);
    }
    const title = `${subHeadingOrdinal(index + 1)}${item.code}\u3000${item.name}`;
    writer.ensure(4 * BODY_LEADING);
    anchors.push({ title: `${item.code}\u3000${item.name}`, page: writer.current });
    writer.paragraph(title, { ...body, font: writer.fonts.bold });
    drawTable(writer, {
      kind: "table",
      caption: "",
      columns: [
        { title: "序号", width: 0.8, align: "center" },
        { title: "文件名称及 SHA-256 摘要", width: 4.8 },
        { title: "大小", width: 1.3, align: "right" },
        { title: "装订情况", width: 2.4 },
      ],
      rows: item.files.map((file, fileIndex) => [
        String(fileIndex + 1),
        `${file.fileName}\nSHA-256：${file.sha256}`,
        byteSize(file.size),
        outcome(bound[fileIndex]!),
      ]),
    });
    const appended = bound.some((entry) => entry.kind !== "listed");
    if (!appended) continue;
    writer.finishPage();
    bound.forEach((entry, fileIndex) => {
      const file = item.files[fileIndex]!;
      if (entry.kind === "pages") {
        for (const page of entry.pages) {
          doc.addPage(page);
          foreign.add(page);
        }
      } else if (entry.kind === "image") {
        drawImagePage(writer, entry.image, `${item.code}\u3000${file.fileName}`);
      }
    });
  }
  return { anchors, foreign };
}
