import type { DocumentSources } from "./document-sources";

export interface DocumentFile {
  /** The Chinese file name, and a plain-ASCII one for clients that cannot take it. */
  name: string;
  ascii: string;
  contentType: string;
  bytes: Buffer;
}

export const CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  zip: "application/zip",
  csv: "text/csv; charset=utf-8",
} as const;

/** Who the document is from: the department, or the city. */
export const issuerName = (sources: Pick<DocumentSources, "department" | "city">) =>
  sources.department?.name ?? sources.city;

const scopeAscii = (sources: Pick<DocumentSources, "department">) =>
  sources.department?.code.toLowerCase() ?? "city";

/** File names as an office files them: unit, year, what it is. */
export function documentName(
  sources: Pick<DocumentSources, "department" | "city" | "loaded">,
  kind: "tables" | "template" | "report" | "volume" | "package",
): { name: string; ascii: string } {
  const year = sources.loaded.cycle.year;
  const unit = issuerName(sources);
  const scope = scopeAscii(sources);
  switch (kind) {
    case "tables":
      return {
        name: `${unit}${year}年度考评表.xlsx`,
        ascii: `kaoping-tables-${year}-${scope}.xlsx`,
      };
    case "template":
      return {
        name: `${unit}${year}年度考评表（填报模板）.xlsx`,
        ascii: `kaoping-template-${year}-${scope}.xlsx`,
      };
    case "report":
      return {
        name: `${unit}${year}年度基本公共服务均等化绩效自评报告.docx`,
        ascii: `kaoping-report-${year}-${scope}.docx`,
      };
    case "volume":
      return {
        name: `${unit}${year}年度考评资料汇编.pdf`,
        ascii: `kaoping-volume-${year}-${scope}.pdf`,
      };
    case "package":
      return {
        name: `${unit}${year}年度基本公共服务均等化绩效考评报送材料.zip`,
        ascii: `kaoping-package-${year}.zip`,
      };
  }
}
