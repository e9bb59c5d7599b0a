/**
 * A report as a flat list of layout-neutral blocks. The outline (report-outline.ts) turns
 * the gathered payload into blocks once; the Word renderer and the PDF renderer each
 * draw the same blocks, so the two documents cannot say different things.
 */

/** Heading levels of GB/T 9704-2012: 1 "一、" 黑体, 2 "（一）" 楷体, 3 "1." 仿宋. */
export type HeadingLevel = 1 | 2 | 3;

export interface TableColumn {
  title: string;
  /** Relative width; renderers scale the widths to the text block. */
  width: number;
  align?: "left" | "center" | "right";
}

/** One bar chart; renderers draw it as an image (Word) or on the page (PDF). */
export interface ChartSpec {
  id: string;
  title: string;
  categories: string[];
  values: number[];
  /** Printed after each value label, e.g. "%" or "分". */
  unit: string;
  /** A horizontal reference line, e.g. the target; omitted when none. */
  reference?: { label: string; value: number };
}

export type ReportBlock =
  | { kind: "title"; text: string; subtitle?: string }
  | { kind: "heading"; level: HeadingLevel; text: string }
  | { kind: "paragraph"; text: string; indent?: boolean }
  | {
      kind: "table";
      caption: string;
      columns: TableColumn[];
      rows: string[][];
      /** Rows to set in bold (totals). */
      emphasis?: number[];
    }
  | { kind: "chart"; chart: ChartSpec }
  | { kind: "signature"; issuer: string; date: string }
  | { kind: "notice"; text: string };
