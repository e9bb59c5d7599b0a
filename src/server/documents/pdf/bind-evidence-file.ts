import { EncryptedPDFError, PDFDocument, type PDFImage, type PDFPage } from "pdf-lib";
import { ownBytes } from "./own-bytes";
import type { VolumeEvidence } from "./volume-input";

/** What became of one evidence file in the volume. */
export type BoundFile =
  | { kind: "pages"; pages: PDFPage[] }
  | { kind: "image"; image: PDFImage }
  | { kind: "listed"; reason: string };

/** More pages than this in one file are listed, not bound (a volume is printed and carried). */
export const MAX_PAGES_PER_FILE = 2000;
/** A PNG is decoded into raw pixels to embed it; beyond this many it is listed instead. */
export const MAX_PNG_PIXELS = 40_000_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes("%PDF-");
}

function isPng(bytes: Buffer): boolean {
  return bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

const listed = (reason: string): BoundFile => ({ kind: "listed", reason });

/** pdf-lib's errors are compiled to ES5 classes, so `instanceof` cannot be trusted alone. */
function isEncryptedError(error: unknown): boolean {
  return (
    error instanceof EncryptedPDFError ||
    (error instanceof Error && /is encrypted/.test(error.message))
  );
}

async function bindPdf(doc: PDFDocument, bytes: Buffer): Promise<BoundFile> {
  let source: PDFDocument;
  let count: number;
  try {
    source = await PDFDocument.load(ownBytes(bytes), { updateMetadata: false });
    // pdf-lib reads damaged files leniently; one without a page tree fails only here.
    count = source.getPageCount();
  } catch (error) {
    if (isEncryptedError(error)) return listed("PDF 文件已加密，未装订");
    return listed("PDF 文件已损坏，无法读取，未装订");
  }
  if (count === 0) return listed("PDF 文件没有可读的页面，未装订");
  if (count > MAX_PAGES_PER_FILE) return listed(`PDF 文件超过 ${MAX_PAGES_PER_FILE} 页，未装订`);
  try {
    return { kind: "pages", pages: await doc.copyPages(source, source.getPageIndices()) };
  } catch {
    return listed("PDF 文件的页面结构已损坏，未装订");
  }
}

async function bindImage(doc: PDFDocument, bytes: Buffer, png: boolean): Promise<BoundFile> {
  if (png && bytes.readUInt32BE(16) * bytes.readUInt32BE(20) > MAX_PNG_PIXELS) {
    return listed("图片像素过多，未装订");
  }
  try {
    const own = ownBytes(bytes);
    const image = png ? await doc.embedPng(own) : await doc.embedJpg(own);
    // Written into the file now rather than at save, so the decoded pixels are freed per file.
    await image.embed();
    return { kind: "image", image };
  } catch {
    return listed("图片已损坏，无法读取，未装订");
  }
}

/**
 * Reads one evidence file (only now, so a volume holds one file's bytes at a time) and
 * binds it: a PDF's pages copied, an image embedded, anything else listed with the reason.
 * A file that cannot be read or bound never fails the volume.
 */
export async function bindEvidenceFile(doc: PDFDocument, file: VolumeEvidence): Promise<BoundFile> {
  let bytes: Buffer;
  try {
    bytes = await file.read();
  } catch (error) {
    // A reason written for readers (in Chinese) is printed; a system error (a path, an
    // errno) is not meant for the printed volume.
    const message = error instanceof Error ? error.message : "";
    const reason = /\p{Script=Han}/u.test(message) ? message : "文件无法读取";
    return listed(`${reason}，未装订`);
  }
  if (isPdf(bytes)) return bindPdf(doc, bytes);
  if (isPng(bytes)) return bindImage(doc, bytes, true);
  if (isJpeg(bytes)) return bindImage(doc, bytes, false);
  return listed("不是 PDF 或图片，只列出名称、大小和摘要");
}
