import type { Framework } from "../../core";
import type { EvidenceRow } from "../evidence/evidence.repository";

export interface CatalogueEvidence {
  itemCode: string;
  itemName: string;
  department: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/**
 * Evidence in the order of the item catalogue: the indicators as the framework lists
 * them, then the work items, then the base figures (data elements); within an item by
 * upload time. A department's volume holds only what that department filed.
 */
export function evidenceInCatalogueOrder(
  framework: Framework,
  rows: readonly (EvidenceRow & { size: number })[],
  department: string | null,
): CatalogueEvidence[] {
  const order = new Map<string, { rank: number; name: string }>();
  let rank = 0;
  for (const indicator of framework.indicators) {
    order.set(`indicator:${indicator.code}`, { rank: rank++, name: indicator.name });
  }
  for (const item of framework.workItems) {
    order.set(`workItem:${item.code}`, { rank: rank++, name: item.name });
  }
  for (const element of framework.elements.values()) {
    order.set(`dataElement:${element.code}`, { rank: rank++, name: element.name });
  }
  return rows
    .filter((row) => department === null || row.department_code === department)
    .map((row) => ({ row, place: order.get(`${row.target_kind}:${row.target_code}`) }))
    .filter((entry) => entry.place !== undefined)
    .sort(
      (a, b) =>
        a.place!.rank - b.place!.rank ||
        a.row.uploaded_at.localeCompare(b.row.uploaded_at) ||
        a.row.id.localeCompare(b.row.id),
    )
    .map(({ row, place }) => ({
      itemCode: row.target_code,
      itemName: place!.name,
      department: row.department_code,
      fileName: row.original_name,
      mediaType: row.mime_type,
      size: row.size,
      sha256: row.sha256,
    }));
}
