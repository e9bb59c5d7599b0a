import { buildReportPayload } from "../../core/documents/build-report-payload";
import type { ReportPayload } from "../../core/documents/report-payload";
import type { ChartSpec } from "../../core/documents/report-blocks";
import { chineseDate } from "../../core/documents/chinese-format";
import { reportOutline } from "../../core/documents/report-outline";
import { volumeTableBlocks } from "../../core/documents/volume-tables";
import type { UseCaseDeps } from "../context";
import { sha256Hex } from "../ids";
import { renderChartPng } from "./charts/render-chart";
import { renderReportDocx } from "./docx/render-report-docx";
import { CONTENT_TYPES, documentName, type DocumentFile } from "./document-names";
import type { DocumentSources } from "./document-sources";
import { evidenceInCatalogueOrder, type CatalogueEvidence } from "./evidence-catalogue";
import { gatherCertification } from "./gather-certification";
import { buildVolume, type VolumeProgress } from "./pdf/build-volume";
import { buildTablesWorkbook } from "./xlsx/tables-workbook";

/** The report's content, gathered once from the sources: Word and PDF draw the same payload. */
export function reportPayloadOf(sources: DocumentSources): ReportPayload {
  return buildReportPayload({
    framework: sources.loaded.framework,
    dataset: sources.dataset,
    score: sources.score,
    city: sources.city,
    department: sources.department,
    illustrative: sources.illustrative,
    date: sources.date,
    narratives: sources.narratives,
    states: sources.states,
  });
}

/** The workbook's inputs: the same facts whether it is the tables or the template. */
const workbookFacts = (sources: DocumentSources) => ({
  framework: sources.loaded.framework,
  dataset: sources.dataset,
  score: sources.score,
  city: sources.city,
  department: sources.department,
  illustrative: sources.illustrative,
  date: sources.date,
});

/** 指标考评表 and 工作测评表 with live formulas (the city's workbook adds the summary). */
export async function buildTablesFile(sources: DocumentSources): Promise<DocumentFile> {
  const bytes = await buildTablesWorkbook(workbookFacts(sources));
  return { ...documentName(sources, "tables"), contentType: CONTENT_TYPES.xlsx, bytes };
}

/** The department's fill-in template: its input cells unlocked, the signed stamp inside. */
export async function buildTemplateFile(
  sources: DocumentSources,
  stampText: string,
): Promise<DocumentFile> {
  const bytes = await buildTablesWorkbook({ ...workbookFacts(sources), template: { stampText } });
  return { ...documentName(sources, "template"), contentType: CONTENT_TYPES.xlsx, bytes };
}

/** The self-evaluation report as a Word document in the official layout. */
export async function buildReportDocxFile(sources: DocumentSources): Promise<DocumentFile> {
  const blocks = reportOutline(reportPayloadOf(sources));
  const bytes = await renderReportDocx(blocks, {
    ...(sources.illustrative ? { header: "示例数据（illustrative），不是真实统计数" } : {}),
  });
  return { ...documentName(sources, "report"), contentType: CONTENT_TYPES.docx, bytes };
}

/** The scope's evidence, in the order of the item catalogue. */
export async function catalogueOf(
  deps: Pick<UseCaseDeps, "repos">,
  sources: DocumentSources,
): Promise<CatalogueEvidence[]> {
  const rows = await deps.repos.evidence.forCycle(sources.loaded.cycle.id);
  return evidenceInCatalogueOrder(sources.loaded.framework, rows, sources.department?.code ?? null);
}

/**
 * The bound volume (装订成册): cover, contents, the report, the tables, every evidence file
 * in catalogue order and the certification page. Evidence bytes are read one file at a
 * time, when the volume reaches them, and checked against their address.
 */
export async function buildVolumeFile(
  deps: Pick<UseCaseDeps, "repos" | "evidence">,
  sources: DocumentSources,
  onProgress?: VolumeProgress,
): Promise<DocumentFile> {
  const payload = reportPayloadOf(sources);
  const [catalogue, certification] = await Promise.all([
    catalogueOf(deps, sources),
    gatherCertification(deps.repos, sources),
  ]);
  const unit = sources.department?.name ?? sources.city;
  const year = sources.loaded.cycle.year;
  const bytes = await buildVolume(
    {
      title: `${unit}${year}年度基本公共服务均等化绩效考评资料汇编`,
      subtitle: `${unit}\u3000${chineseDate(sources.date)}`,
      illustrative: sources.illustrative,
      report: reportOutline(payload),
      tables: volumeTableBlocks(payload),
      evidence: catalogue.map((entry) => ({
        ...entry,
        read: async () => {
          const content = await deps.evidence.get(entry.sha256);
          // A damaged or altered file is never bound into the volume as evidence.
          if (!content || sha256Hex(content) !== entry.sha256) {
            throw new Error(`辅证材料 ${entry.fileName} 的文件缺失或已损坏`);
          }
          return content;
        },
      })),
      certification,
      renderChart: chartWithoutTitle,
    },
    onProgress,
  );
  return { ...documentName(sources, "volume"), contentType: CONTENT_TYPES.pdf, bytes };
}

/** The PDF pages print the chart's title as text above the image. */
export const chartWithoutTitle = (chart: ChartSpec) => renderChartPng(chart, { title: false });
