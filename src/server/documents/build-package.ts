import { Readable } from "node:stream";
import yazl from "yazl";
import { csvCell } from "../timeliness/timeliness-csv";
import type { UseCaseDeps } from "../context";
import {
  buildReportDocxFile,
  buildTablesFile,
  buildVolumeFile,
  catalogueOf,
  chartWithoutTitle,
  reportPayloadOf,
} from "./build-documents";
import { CONTENT_TYPES, documentName, type DocumentFile } from "./document-names";
import type { DocumentSources } from "./document-sources";
import type { CatalogueEvidence } from "./evidence-catalogue";
import type { VolumeProgress } from "./pdf/build-volume";
import { renderReportPdf } from "./pdf/render-report-pdf";
import { reportOutline } from "../../core/documents/report-outline";

/** The evidence index: one row per file, UTF-8 with a BOM so Excel reads the Chinese. */
export function evidenceIndexCsv(catalogue: readonly CatalogueEvidence[]): string {
  const header = ["序号", "项目代码", "项目名称", "单位", "文件名", "大小（字节）", "SHA-256"];
  const lines = [header.map(csvCell).join(",")];
  catalogue.forEach((entry, index) =>
    lines.push(
      [
        index + 1,
        entry.itemCode,
        entry.itemName,
        entry.department,
        entry.fileName,
        entry.size,
        entry.sha256,
      ]
        .map(csvCell)
        .join(","),
    ),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One fixed time for every member, so the archive's bytes depend on its content only. */
const MTIME = new Date("2000-01-01T00:00:00Z");

async function zipOf(members: { name: string; bytes: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const member of members) {
    zip.addBuffer(member.bytes, member.name, { mtime: MTIME, mode: 0o100644 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as unknown as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * What the office sends to the province: the overall report (Word and PDF), the city's
 * tables, the bound volume and the evidence index, in one .zip named as the office files it.
 */
export async function buildPackageFile(
  deps: Pick<UseCaseDeps, "repos" | "evidence">,
  sources: DocumentSources,
  onProgress?: VolumeProgress,
): Promise<DocumentFile> {
  const stage = (done: number, total: number, name: string) =>
    onProgress?.({ done, total, stage: name });
  stage(0, 5, "生成自评报告");
  const docx = await buildReportDocxFile(sources);
  const reportPdf = await renderReportPdf(reportOutline(reportPayloadOf(sources)), {
    renderChart: chartWithoutTitle,
  });
  stage(1, 5, "生成考评表");
  const tables = await buildTablesFile(sources);
  stage(2, 5, "装订资料汇编");
  const volume = await buildVolumeFile(deps, sources, (step) =>
    stage(2, 5, `装订资料汇编：${step.stage}（${step.done}/${step.total}）`),
  );
  stage(4, 5, "编制辅证材料目录");
  const catalogue = await catalogueOf(deps, sources);
  const reportPdfName = docx.name.replace(/\.docx$/, ".pdf");
  const bytes = await zipOf([
    { name: docx.name, bytes: docx.bytes },
    { name: reportPdfName, bytes: reportPdf },
    { name: tables.name, bytes: tables.bytes },
    { name: volume.name, bytes: volume.bytes },
    { name: "辅证材料目录.csv", bytes: Buffer.from(evidenceIndexCsv(catalogue), "utf8") },
  ]);
  stage(5, 5, "完成");
  return { ...documentName(sources, "package"), contentType: CONTENT_TYPES.zip, bytes };
}
