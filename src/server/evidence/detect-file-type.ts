import { localized } from "../../core";
import { executableByContent } from "./executables";
import { accept, refusal, refuse, type FileTypeVerdict } from "./file-verdict";
import { InspectionBudget, InspectionStopped } from "./inspection-budget";
import { inspectZip, ZIP_LOCAL } from "./inspect-zip";
import { detectOle } from "./ole-document";
import { ZIP_LIMITS, type ZipLimits } from "./zip-limits";

export type { FileTypeVerdict } from "./file-verdict";

/** The accepted kinds, for messages that tell the user what to send instead. */
export const ACCEPTED_KINDS = localized(
  "PDF、图片（PNG、JPEG、GIF、WebP、TIFF、BMP）、Word/Excel/PowerPoint 文档、OpenDocument 文档或 ZIP 压缩包",
  "PDF, images (PNG, JPEG, GIF, WebP, TIFF, BMP), Word/Excel/PowerPoint, OpenDocument or ZIP",
);

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

function hasAt(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  if (offset + signature.length > bytes.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number) =>
  (u16(bytes, at) + u16(bytes, at + 2) * 0x10000) >>> 0;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "BM" alone is too common a start for text; also require the header sizes a real bitmap has. */
function isBmp(bytes: Uint8Array): boolean {
  const BITMAP_INFO_HEADER_SIZES = [12, 16, 40, 52, 56, 64, 108, 124];
  return (
    hasAt(bytes, 0, ascii("BM")) &&
    bytes.length >= 26 &&
    u32(bytes, 6) === 0 &&
    BITMAP_INFO_HEADER_SIZES.includes(u32(bytes, 14))
  );
}

function detectSimple(bytes: Uint8Array): FileTypeVerdict | undefined {
  if (hasAt(bytes, 0, ascii("%PDF-"))) return accept("application/pdf", ".pdf");
  if (hasAt(bytes, 0, PNG)) return accept("image/png", ".png");
  if (hasAt(bytes, 0, JPEG)) return accept("image/jpeg", ".jpg", ".jpeg", ".jpe");
  if (hasAt(bytes, 0, ascii("GIF87a")) || hasAt(bytes, 0, ascii("GIF89a")))
    return accept("image/gif", ".gif");
  if (hasAt(bytes, 0, ascii("RIFF")) && hasAt(bytes, 8, ascii("WEBP")))
    return accept("image/webp", ".webp");
  if (hasAt(bytes, 0, ascii("II*\0")) || hasAt(bytes, 0, ascii("MM\0*")))
    return accept("image/tiff", ".tif", ".tiff");
  if (isBmp(bytes)) return accept("image/bmp", ".bmp");
  return undefined;
}

// ── Refusals that can say what the file is ───────────────────────────────────────────

function describeRefused(bytes: Uint8Array): FileTypeVerdict {
  const program = executableByContent(bytes.subarray(0, 16));
  if (program) return refusal(program);
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("<")) return refuse("网页或 XML/SVG 文档", "a web page or XML/SVG document");
  return refuse("无法识别类型的文件", "a file of an unrecognised type");
}

/**
 * Decides what `bytes` are; only the types evidence may be are accepted. ZIP-based
 * files are looked into (asynchronously, within `limits`): Office documents for
 * macros, plain archives for every entry, recursively.
 */
export async function detectFileType(
  bytes: Uint8Array,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<FileTypeVerdict> {
  if (bytes.length === 0) return refuse("空文件", "an empty file");
  const simple = detectSimple(bytes);
  if (simple) return simple;
  if (hasAt(bytes, 0, OLE2)) return detectOle(bytes);
  if (!hasAt(bytes, 0, ZIP_LOCAL)) return describeRefused(bytes);
  try {
    return await inspectZip(bytes, 0, { budget: new InspectionBudget(limits) });
  } catch (error) {
    if (error instanceof InspectionStopped) return refusal(error.what);
    throw error;
  }
}
