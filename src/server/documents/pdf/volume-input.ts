import type { ChartSpec, ReportBlock } from "../../../core/documents/report-blocks";

/** One evidence file, in the order of the item catalogue; its bytes are read only when bound. */
export interface VolumeEvidence {
  itemCode: string;
  itemName: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  read: () => Promise<Buffer>;
}

/** What the last page certifies: who declared what, when, and where the audit chain stood. */
export interface VolumeCertification {
  declaration: string;
  signedBy: string;
  /** ISO 8601 instant. */
  signedAt: string;
  /** SM3 (hex) of the certified snapshot. */
  snapshotDigest: string;
  auditHead: { seq: number; hash: string } | null;
  state: string;
}

export interface VolumeInput {
  /** e.g. "市教育局2025年度基本公共服务均等化绩效考评资料汇编" */
  title: string;
  /** The unit and the date line under the title. */
  subtitle: string;
  illustrative: boolean;
  report: ReportBlock[];
  tables: ReportBlock[];
  evidence: VolumeEvidence[];
  certification: VolumeCertification | null;
  renderChart?: (chart: ChartSpec) => Promise<Buffer>;
}

export type VolumeProgress = (step: { done: number; total: number; stage: string }) => void;
