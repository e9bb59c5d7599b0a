import { localized, type Localized } from "../../core";
import { executableByContent, executableByName } from "./executables";
import {
  accept,
  insideEntry,
  macroDocument,
  refusal,
  refuse,
  type FileTypeVerdict,
  type Refusal,
} from "./file-verdict";
import { InspectionBudget, tooManyEntries } from "./inspection-budget";
import { hasMacroPartName, readContentTypes } from "./office-macros";
import { detectOle } from "./ole-document";
import {
  FLAG_ENCRYPTED,
  FLAG_STRONG_ENCRYPTION,
  readZipDirectory,
  type ZipEntry,
} from "./zip-directory";
import { readEntryData, type EntryProblem } from "./zip-entry-data";

/**
 * Inspects a ZIP archive — an uploaded .zip, an Office or OpenDocument file, or any of
 * these found inside another — in memory and within the upload's budget. A plain ZIP
 * is evidence only if nothing in it is a program, a script, a macro document or an
 * archive that is itself refused; every entry is unpacked (never to disk) to see what
 * it is. Office and OpenDocument files are checked for macros through their
 * declarations.
 */

export const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.length <= bytes.length && signature.every((byte, index) => bytes[index] === byte);

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;
const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const DAMAGED_ZIP = refuse(
  "损坏、为空或结构异常的 ZIP 文件",
  "a damaged, empty or malformed ZIP file",
);
const DAMAGED_PACKAGE = refuse(
  "损坏的 Office 文档（无法读取其内容类型声明）",
  "a damaged Office document (its content types cannot be read)",
);

const ENTRY_PROBLEMS: Record<EntryProblem, Localized> = {
  pastDeclaredSize: localized(
    "解压后超过其声明大小的条目（疑似压缩炸弹）",
    "an entry that unpacks past its declared size (a zip bomb, it seems)",
  ),
  damaged: localized(
    "已损坏的条目（解压后的大小或校验值与声明不符）",
    "a damaged entry (its unpacked size or checksum differs from the declared one)",
  ),
  nestedTooLarge: localized(
    "过大的嵌套压缩包或文档（无法检查其内容）",
    "a nested archive or document too large to inspect",
  ),
};

interface ZipInspection {
  budget: InspectionBudget;
}

/** NUL cuts a name short in C ("a.pdf\0.exe"); other controls hide what a name says. */
const isControlChar = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
};

/** A name that would be written outside the folder the archive is unpacked into. */
function escapesFolder(name: string): boolean {
  if (/^[\\/]/.test(name) || /^[a-z]:/i.test(name)) return true;
  return name.split(/[\\/]/).some((segment) => segment === "..");
}

/** The first problem an entry has before any of it is unpacked, or undefined. */
function structuralProblem(entry: ZipEntry, budget: InspectionBudget): Localized | undefined {
  const { limits } = budget;
  if (entry.name === "" || Array.from(entry.name).some(isControlChar)) {
    return localized(
      "名称为空或含控制字符的条目",
      "an entry whose name is empty or holds controls",
    );
  }
  if (escapesFolder(entry.name)) {
    return localized(
      "路径越出压缩包目录的条目（绝对路径或含“..”）",
      'an entry whose path leaves the archive\'s folder (absolute, or with "..")',
    );
  }
  if (entry.madeBy >> 8 === UNIX && ((entry.externalAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    return localized(
      "符号链接条目（解压时可能指向压缩包之外）",
      "a symbolic link (it may point outside the archive when unpacked)",
    );
  }
  if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || entry.method === METHOD_AES) {
    return localized(
      "加密的条目（无法检查其内容，请解除密码后重新压缩）",
      "an encrypted entry (its content cannot be inspected; remove the password and zip again)",
    );
  }
  if (entry.method !== METHOD_STORE && entry.method !== METHOD_DEFLATE) {
    return localized(
      `使用不支持的压缩方式（${entry.method}）的条目，无法检查`,
      `an entry compressed with an unsupported method (${entry.method}) that cannot be inspected`,
    );
  }
  if (entry.method === METHOD_STORE && entry.compressedSize !== entry.uncompressedSize) {
    return ENTRY_PROBLEMS.damaged;
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    return localized(
      `压缩比异常的条目（超过 ${limits.maxRatio}:1，疑似压缩炸弹）`,
      `an entry compressed more than ${limits.maxRatio}:1 (a zip bomb, it seems)`,
    );
  }
  return undefined;
}

const DUPLICATE = localized("重名的条目", "an entry whose name appears twice");

/**
 * Every entry's name, flags and declared sizes, before anything is unpacked. Names
 * that differ only in case or slash direction are the same file once unpacked on
 * Windows (and the same part to Office), so they count as duplicates.
 */
function checkStructure(entries: ZipEntry[], budget: InspectionBudget): Refusal | undefined {
  const seen = new Set<string>();
  let declared = 0;
  for (const entry of entries) {
    const problem = structuralProblem(entry, budget);
    if (problem) return insideEntry(entry.name, refusal(problem));
    const key = entry.name.replace(/\\/g, "/").replace(/\/+$/, "").toLowerCase();
    if (seen.has(key)) return insideEntry(entry.name, refusal(DUPLICATE));
    seen.add(key);
    declared += entry.uncompressedSize;
  }
  budget.reserveDeclared(declared);
  return undefined;
}

/** OpenDocument puts its type, uncompressed, in a first entry named `mimetype`. */
function openDocumentType(bytes: Uint8Array, first: ZipEntry): string | undefined {
  if (first.name !== "mimetype" || first.method !== METHOD_STORE) return undefined;
  const length = Math.min(first.compressedSize, 100);
  return String.fromCharCode(...bytes.subarray(first.dataStart, first.dataStart + length));
}

const OPEN_DOCUMENT: Record<string, readonly string[]> = {
  "application/vnd.oasis.opendocument.text": [".odt"],
  "application/vnd.oasis.opendocument.spreadsheet": [".ods"],
  "application/vnd.oasis.opendocument.presentation": [".odp"],
  "application/vnd.oasis.opendocument.graphics": [".odg"],
};

const OOXML = "application/vnd.openxmlformats-officedocument";

/** Reads `[Content_Types].xml` within its own small bound; undefined when it is fine. */
async function officeMacros(
  bytes: Uint8Array,
  entries: ZipEntry[],
  contentTypes: ZipEntry,
  inspection: ZipInspection,
): Promise<Refusal | undefined> {
  if (hasMacroPartName(entries.map((entry) => entry.name))) return macroDocument;
  const { maxContentTypesBytes } = inspection.budget.limits;
  if (contentTypes.uncompressedSize > maxContentTypesBytes) return DAMAGED_PACKAGE;
  const data = await readEntryData(bytes, contentTypes, inspection.budget, {
    keep: () => true,
    maxKeep: maxContentTypesBytes,
  });
  if (!data.ok || !data.whole) return DAMAGED_PACKAGE;
  const verdict = readContentTypes(data.whole);
  if (verdict === "unreadable") return DAMAGED_PACKAGE;
  return verdict === "macros" ? macroDocument : undefined;
}

const isContainer = (head: Uint8Array) => startsWith(head, ZIP_LOCAL) || startsWith(head, OLE2);

/** Unpacks one entry of a plain ZIP and says whether it may travel as evidence. */
async function inspectEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  depth: number,
  inspection: ZipInspection,
): Promise<Refusal | undefined> {
  const byName = executableByName(entry.name);
  if (byName) return refusal(byName);
  const { limits } = inspection.budget;
  const data = await readEntryData(bytes, entry, inspection.budget, {
    keep: isContainer,
    maxKeep: limits.maxNestedBytes,
  });
  if (!data.ok) return refusal(ENTRY_PROBLEMS[data.problem]);
  const byContent = executableByContent(data.head);
  if (byContent) return refusal(byContent);
  if (!data.whole) return undefined;
  if (startsWith(data.whole, OLE2)) {
    const verdict = detectOle(data.whole);
    return verdict.accepted ? undefined : verdict;
  }
  if (depth + 1 > limits.maxDepth) {
    return refuse(
      `嵌套层数过多的压缩包（超过 ${limits.maxDepth} 层）`,
      `an archive nested more than ${limits.maxDepth} levels deep`,
    );
  }
  const verdict = await inspectZip(data.whole, depth + 1, inspection);
  return verdict.accepted ? undefined : verdict;
}

/**
 * What a ZIP-based file is, or why it is refused. `depth` is 0 for the upload itself
 * and one more for each archive it is nested in.
 */
export async function inspectZip(
  bytes: Uint8Array,
  depth: number,
  inspection: ZipInspection,
): Promise<FileTypeVerdict> {
  const { budget } = inspection;
  const directory = readZipDirectory(bytes, budget.limits.maxEntries);
  if (!directory.readable) {
    return directory.problem === "tooManyEntries"
      ? refusal(tooManyEntries(budget.limits.maxEntries))
      : DAMAGED_ZIP;
  }
  const { entries } = directory;
  const [first] = entries;
  if (!first) return DAMAGED_ZIP;
  const structural = checkStructure(entries, budget);
  if (structural) return structural;

  // Macros run code when a document is opened; departments send plain documents.
  const openDocument = openDocumentType(bytes, first);
  const openDocumentExtensions = openDocument ? OPEN_DOCUMENT[openDocument] : undefined;
  if (openDocument && openDocumentExtensions) {
    if (entries.some((entry) => /^(Basic|Scripts)\//.test(entry.name))) return macroDocument;
    return accept(openDocument, ...openDocumentExtensions);
  }
  const contentTypes = entries.find((entry) => entry.name.toLowerCase() === "[content_types].xml");
  if (contentTypes) {
    const macros = await officeMacros(bytes, entries, contentTypes, inspection);
    if (macros) return macros;
    const within = (folder: string) => entries.some((entry) => entry.name.startsWith(folder));
    if (within("word/")) return accept(`${OOXML}.wordprocessingml.document`, ".docx", ".dotx");
    if (within("xl/")) return accept(`${OOXML}.spreadsheetml.sheet`, ".xlsx", ".xltx");
    if (within("ppt/")) return accept(`${OOXML}.presentationml.presentation`, ".pptx", ".ppsx");
  }

  // Only archives whose every entry is unpacked count against the upload's entries; the
  // parts of an Office document (a few dozen each) are not unpacked, and a ZIP of a few
  // hundred reports should not run out of entries for them.
  budget.spendEntries(entries.length);
  for (const entry of entries) {
    if (entry.name.endsWith("/") && entry.uncompressedSize === 0) continue;
    const refused = await inspectEntry(bytes, entry, depth, inspection);
    if (refused) return insideEntry(entry.name, refused);
    budget.checkTime();
  }
  return accept("application/zip", ".zip");
}
