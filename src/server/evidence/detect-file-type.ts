import { localized, type Localized } from "../../core";

/**
 * What an uploaded file is, decided from its bytes alone. The name and the Content-Type
 * the client sent are never trusted: both are whatever the sender chose, and a file
 * served back with a wrong type or extension is how a renamed program or page gets run.
 */
export type FileTypeVerdict =
  | {
      accepted: true;
      mimeType: string;
      /** Extensions that fit the content, the usual one first (lower case, with the dot). */
      extensions: readonly string[];
    }
  | { accepted: false; what: Localized };

/** The accepted kinds, for messages that tell the user what to send instead. */
export const ACCEPTED_KINDS = localized(
  "PDF、图片（PNG、JPEG、GIF、WebP、TIFF、BMP）、Word/Excel/PowerPoint 文档、OpenDocument 文档或 ZIP 压缩包",
  "PDF, images (PNG, JPEG, GIF, WebP, TIFF, BMP), Word/Excel/PowerPoint, OpenDocument or ZIP",
);

const accept = (mimeType: string, ...extensions: string[]): FileTypeVerdict => ({
  accepted: true,
  mimeType,
  extensions,
});
const refuse = (zh: string, en: string): FileTypeVerdict => ({
  accepted: false,
  what: localized(zh, en),
});

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

function hasAt(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  if (offset + signature.length > bytes.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number) =>
  (u16(bytes, at) + u16(bytes, at + 2) * 0x10000) >>> 0;
const u64 = (bytes: Uint8Array, at: number) => u32(bytes, at) + u32(bytes, at + 4) * 0x1_0000_0000;
const latin1 = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

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

// ── Legacy Office (OLE2 compound files) ──────────────────────────────────────────────

/**
 * The stream names in an OLE2 compound file's directory. Directory entries are 128
 * bytes at 128-aligned offsets after the header (sectors are 512 or 4096 bytes), so
 * instead of following the FAT chain we look at every aligned slot for an entry shape:
 * a UTF-16LE name, its byte length with terminator, and a storage/stream/root type.
 * A stray match inside data can at worst label a file Office; the extension check on
 * upload then makes the stored name agree with that label, so nothing is run as
 * something else.
 */
function oleEntryNames(bytes: Uint8Array): Set<string> {
  const names = new Set<string>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const nameBytes = u16(bytes, at + 64);
    const type = bytes[at + 66];
    if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0) continue;
    if (type !== 1 && type !== 2 && type !== 5) continue;
    if (u16(bytes, at + nameBytes - 2) !== 0) continue;
    let name = "";
    for (let offset = 0; offset < nameBytes - 2; offset += 2)
      name += String.fromCharCode(u16(bytes, at + offset));
    names.add(name);
  }
  return names;
}

/**
 * Word, Excel and PowerPoint each keep their content in a stream of a known name. An
 * OLE file without one (an .msi installer, an Outlook message, …) is refused.
 */
function detectOle(bytes: Uint8Array): FileTypeVerdict {
  const names = oleEntryNames(bytes);
  if (names.has("WordDocument")) return accept("application/msword", ".doc", ".dot", ".wps");
  if (names.has("Workbook") || names.has("Book"))
    return accept("application/vnd.ms-excel", ".xls", ".xlt", ".et");
  if (names.has("PowerPoint Document"))
    return accept("application/vnd.ms-powerpoint", ".ppt", ".pps", ".pot", ".dps");
  return refuse(
    "无法识别的 OLE 复合文档（可能是安装包或其他程序文件）",
    "an OLE compound file that is not a Word, Excel or PowerPoint document (an installer, perhaps)",
  );
}

// ── ZIP, OOXML and OpenDocument ──────────────────────────────────────────────────────

const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;

/** The end-of-central-directory record: the last one in the final 64 KiB + 22 bytes. */
function findZipEnd(bytes: Uint8Array): number | undefined {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (u32(bytes, at) === ZIP_END && at + 22 + u16(bytes, at + 20) <= bytes.length) return at;
  }
  return undefined;
}

/**
 * Entry names from the central directory (the local headers alone are not enough:
 * streamed zips leave sizes out of them). Undefined when the archive is not readable.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const end = findZipEnd(bytes);
  if (end === undefined) return undefined;
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) return undefined;
    const record = u64(bytes, locator + 8);
    if (u32(bytes, record) !== ZIP64_END) return undefined;
    count = u64(bytes, record + 32);
    offset = u64(bytes, record + 48);
  }
  const names: string[] = [];
  for (let index = 0, at = offset; index < count; index++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== ZIP_CENTRAL) return undefined;
    const nameLength = u16(bytes, at + 28);
    names.push(latin1(bytes, at + 46, nameLength));
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return names;
}

/** OpenDocument puts its type, uncompressed, in a first entry named `mimetype`. */
function openDocumentType(bytes: Uint8Array): string | undefined {
  const nameLength = u16(bytes, 26);
  const stored = u16(bytes, 8) === 0;
  if (!stored || latin1(bytes, 30, nameLength) !== "mimetype") return undefined;
  const start = 30 + nameLength + u16(bytes, 28);
  return latin1(bytes, start, Math.min(u32(bytes, 18), 100));
}

const OPEN_DOCUMENT: Record<string, readonly string[]> = {
  "application/vnd.oasis.opendocument.text": [".odt"],
  "application/vnd.oasis.opendocument.spreadsheet": [".ods"],
  "application/vnd.oasis.opendocument.presentation": [".odp"],
  "application/vnd.oasis.opendocument.graphics": [".odg"],
};

const macroDocument = refuse(
  "含宏的 Office 文档（请另存为不含宏的格式后再上传）",
  "an Office document with macros (save it without macros and upload again)",
);

function detectZip(bytes: Uint8Array): FileTypeVerdict {
  const names = zipEntryNames(bytes);
  if (!names || names.length === 0) {
    return refuse("损坏或空的 ZIP 文件", "a damaged or empty ZIP file");
  }
  // Macros run code when a document is opened; departments send plain documents.
  const openDocument = openDocumentType(bytes);
  const openDocumentExtensions = openDocument ? OPEN_DOCUMENT[openDocument] : undefined;
  if (openDocument && openDocumentExtensions) {
    if (names.some((name) => /^(Basic|Scripts)\//.test(name))) return macroDocument;
    return accept(openDocument, ...openDocumentExtensions);
  }
  if (names.includes("[Content_Types].xml")) {
    if (names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return macroDocument;
    const within = (folder: string) => names.some((name) => name.startsWith(folder));
    const ooxml = "application/vnd.openxmlformats-officedocument";
    if (within("word/")) return accept(`${ooxml}.wordprocessingml.document`, ".docx", ".dotx");
    if (within("xl/")) return accept(`${ooxml}.spreadsheetml.sheet`, ".xlsx", ".xltx");
    if (within("ppt/")) return accept(`${ooxml}.presentationml.presentation`, ".pptx", ".ppsx");
  }
  return accept("application/zip", ".zip");
}

// ── Refusals that can say what the file is ───────────────────────────────────────────

function describeRefused(bytes: Uint8Array): FileTypeVerdict {
  if (hasAt(bytes, 0, ascii("MZ")))
    return refuse("Windows 可执行程序", "a Windows executable program");
  if (hasAt(bytes, 0, [0x7f, ...ascii("ELF")]))
    return refuse("Linux 可执行程序", "a Linux executable program");
  if (hasAt(bytes, 0, ascii("#!"))) return refuse("脚本文件", "a script");
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("<")) return refuse("网页或 XML/SVG 文档", "a web page or XML/SVG document");
  return refuse("无法识别类型的文件", "a file of an unrecognised type");
}

/** Decides what `bytes` are; only the types evidence may be are accepted. */
export function detectFileType(bytes: Uint8Array): FileTypeVerdict {
  if (bytes.length === 0) return refuse("空文件", "an empty file");
  const simple = detectSimple(bytes);
  if (simple) return simple;
  if (hasAt(bytes, 0, OLE2)) return detectOle(bytes);
  if (hasAt(bytes, 0, ZIP_LOCAL)) return detectZip(bytes);
  return describeRefused(bytes);
}
