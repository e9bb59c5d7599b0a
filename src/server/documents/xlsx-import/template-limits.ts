import { ZIP_LIMITS, type ZipLimits } from "../../evidence/zip-limits";

const MiB = 1024 * 1024;

/**
 * The fixed bounds within which an uploaded template is read. A department's template
 * is a few sheets of a few hundred rows: about 30 KB zipped, under 1 MB unpacked. The
 * bounds leave a hundred times that room, and keep what ExcelJS is handed small enough
 * that reading it costs well under a second and a few tens of MB, whatever the file.
 */
export interface TemplateLimits {
  /** The upload itself. */
  maxFileBytes: number;
  /** The archive checks shared with evidence (entries, unpacked bytes, ratio, time). */
  zip: ZipLimits;
  /** One part of the package (a worksheet's XML, the shared strings, a picture), unpacked. */
  maxPartBytes: number;
  /** The highest row and column any cell, dimension or range of a sheet may reach. */
  maxRows: number;
  maxColumns: number;
  /**
   * Cells in all merged ranges, validation ranges and defined names together: ExcelJS
   * visits every cell of those ranges as it loads, so their area is its work.
   */
  maxExpandedCells: number;
  /** Cells written in all sheets together (ExcelJS keeps an object for each). */
  maxCells: number;
  /** Columns described by all `<col>` elements together (ExcelJS makes one object each). */
  maxColumnSpan: number;
}

export const TEMPLATE_LIMITS: TemplateLimits = {
  maxFileBytes: 5 * MiB,
  zip: {
    ...ZIP_LIMITS,
    // An xlsx has about a dozen parts; a few hundred leaves room for pictures and comments.
    maxEntries: 500,
    maxUnpackedBytes: 32 * MiB,
    // A template is not an archive of archives.
    maxDepth: 0,
    maxNestedBytes: 16 * MiB,
    maxMillis: 10_000,
  },
  maxPartBytes: 16 * MiB,
  maxRows: 5_000,
  maxColumns: 200,
  maxExpandedCells: 250_000,
  maxCells: 200_000,
  maxColumnSpan: 100_000,
};
