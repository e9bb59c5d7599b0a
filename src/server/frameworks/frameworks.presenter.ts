import type { FrameworkSummary } from "../../contract/frameworks";
import type { FrameworkDoc } from "../../core";
import type { FrameworksTable } from "../db/schema";

/** A stored framework version with what it holds and the years pinned to it. */
export function presentFramework(row: FrameworksTable, years: number[]): FrameworkSummary {
  const doc = JSON.parse(row.document) as FrameworkDoc;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    version: Number(row.version),
    sha256: row.sha256,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    indicators: doc.indicators.length,
    workItems: doc.workItems.length,
    departments: doc.departments.length,
    years: [...years].sort((a, b) => a - b),
  };
}
