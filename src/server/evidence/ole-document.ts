import { accept, macroDocument, refuse, type FileTypeVerdict } from "./file-verdict";

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);

/**
 * The stream and storage names in an OLE2 compound file's directory. Directory entries
 * are 128 bytes at 128-aligned offsets after the header (sectors are 512 or 4096
 * bytes), so instead of following the FAT chain we look at every aligned slot for an
 * entry shape: a UTF-16LE name, its byte length with terminator, and a
 * storage/stream/root type. A stray match inside data can at worst label a file Office
 * (the extension check on upload then makes the stored name agree with that label) or
 * refuse it as one with macros.
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
 * Where legacy Office keeps VBA: Word in a `Macros` storage, Excel in
 * `_VBA_PROJECT_CUR`, both with a `VBA` storage holding a `_VBA_PROJECT` stream.
 * OLE names compare without regard to case.
 */
const VBA_NAMES = new Set(["MACROS", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"]);

/**
 * Word, Excel and PowerPoint each keep their content in a stream of a known name. An
 * OLE file without one (an .msi installer, an Outlook message, …) is refused, and so is
 * one carrying VBA macros.
 */
export function detectOle(bytes: Uint8Array): FileTypeVerdict {
  const names = oleEntryNames(bytes);
  if ([...names].some((name) => VBA_NAMES.has(name.toUpperCase()))) return macroDocument;
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
