import type { Evidence } from "../../contract/api";
import type { EvidenceRow } from "./evidence.repository";

/** An evidence record as the API shows it (the department filed under stays internal). */
export const presentEvidence = (row: EvidenceRow): Evidence => ({
  id: row.id,
  targetKind: row.target_kind,
  targetCode: row.target_code,
  originalName: row.original_name,
  mimeType: row.mime_type,
  size: row.size,
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});
