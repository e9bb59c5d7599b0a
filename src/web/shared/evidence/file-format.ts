/**
 * How an evidence file is described to people: its size in familiar units and whether
 * the browser can show it in the page (PDF in a frame, images in an <img>).
 */

const UNITS = ["B", "KB", "MB", "GB"] as const;

/** 0 → "0 B", 1536 → "1.5 KB", 52428800 → "50.0 MB". */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export type PreviewKind = "pdf" | "image" | "none";

/** The pictures the server serves inline (`?inline=1`) and every browser draws. */
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export function previewKind(mimeType: string): PreviewKind {
  if (mimeType === "application/pdf") return "pdf";
  if (INLINE_IMAGES.has(mimeType)) return "image";
  return "none";
}

/** What the file chooser offers; the server still reads the type from the content. */
export const ACCEPTED_EXTENSIONS = [
  ".pdf",
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".webp",
  ".tif",
  ".tiff",
  ".bmp",
  ".doc",
  ".docx",
  ".xls",
  ".xlsx",
  ".ppt",
  ".pptx",
  ".odt",
  ".ods",
  ".odp",
  ".zip",
].join(",");
