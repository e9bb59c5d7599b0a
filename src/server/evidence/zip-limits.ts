const MiB = 1024 * 1024;

/**
 * The fixed bounds within which an uploaded ZIP (and every archive nested in it) is
 * inspected. Beyond any of them the file is refused rather than inspected partly: a
 * bound that is reached means the archive cannot be vouched for.
 *
 * They are chosen so that real evidence passes with room to spare. The model case is a
 * department's yearly folder: a few hundred scanned PDFs and photos, some spreadsheets,
 * inside the upload limit (50 MB by default). Scans and photos barely compress, so
 * such an archive unpacks to about its own size.
 */
export interface ZipLimits {
  /**
   * Entries in all the plain archives of one upload together, folders included. The
   * parts of Office documents are not unpacked and not counted; the directory of each
   * is held to this bound on its own.
   */
  maxEntries: number;
  /** Bytes unpacked from all archives of one upload together. */
  maxUnpackedBytes: number;
  /** The highest compression ratio (unpacked : packed) an entry may have … */
  maxRatio: number;
  /** … once it unpacks to more than this (small files may compress as well as they like). */
  ratioFloorBytes: number;
  /** How deep archives may nest inside the upload (a ZIP in a ZIP is depth 1). */
  maxDepth: number;
  /** The largest nested archive or document kept in memory to be inspected in turn. */
  maxNestedBytes: number;
  /** The largest `[Content_Types].xml` of an Office document (real ones are a few KB). */
  maxContentTypesBytes: number;
  /** Wall time for inspecting one upload, in milliseconds. */
  maxMillis: number;
}

export const ZIP_LIMITS: ZipLimits = {
  // 200 scans with their folders are about 250 entries; a year of site photos a few
  // thousand. Each entry costs a directory record to read, so ten thousand is cheap.
  maxEntries: 10_000,
  // Ten times a full 50 MB upload: even spreadsheets and text exports, which compress
  // five to ten times, fit; a bomb that unpacks to gigabytes does not. Unpacking this
  // much took about a second on the bench (bench/zip-inspection.ts).
  maxUnpackedBytes: 512 * MiB,
  // Measured with zlib: PDFs and photos barely compress, a varied CSV about 5:1,
  // worksheet XML about 10:1, a CSV of empty cells about 340:1 and one line repeated
  // 60,000 times about 400:1; a run of one byte (a bomb, or a blank uncompressed
  // bitmap) 1,015:1 to 1,030:1, close to DEFLATE's ceiling. Past 500:1 only runs like
  // that are left. The unpacked total above bounds the work whatever the ratio.
  maxRatio: 500,
  ratioFloorBytes: 1 * MiB,
  // A ZIP of department folders, each zipped, each holding a zipped sub-folder — more
  // is not how people pack documents, and each level multiplies the work.
  maxDepth: 3,
  // An Office document or a ZIP inside the upload is held whole while it is inspected;
  // the upload limit keeps honest ones well under this.
  maxNestedBytes: 64 * MiB,
  maxContentTypesBytes: 1 * MiB,
  // The work above takes a second or two even on a slow, busy machine; far longer means
  // the archive was built to waste time, and the request should not hold the server.
  maxMillis: 15_000,
};
