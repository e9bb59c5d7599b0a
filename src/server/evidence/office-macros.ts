/**
 * Macros in OOXML packages (.docx/.xlsx/.pptx and their kin). Office finds a package's
 * parts through `[Content_Types].xml`, not through their names: a VBA project renamed
 * from `vbaProject.bin` to anything else still runs as long as its content type says
 * what it is. So the content types decide; the usual names are checked as well.
 */

/**
 * Content types of macro-enabled main documents (`…macroEnabled.main+xml`, also every
 * binary .xlsb), VBA projects and their data, ActiveX controls, and Excel 4.0 macro
 * sheets. Matched anywhere in the declarations, without regard to case.
 */
const MACRO_CONTENT_TYPE = /macroenabled|vbaproject|vbadata|activex|macrosheet/i;

/** The names Office gives such parts when nobody has renamed them. */
const MACRO_PART_NAME = /(^|\/)(vbaProject\.bin|vbaData\.xml)$|(^|\/)(activeX|macrosheets)\//i;

export const hasMacroPartName = (names: readonly string[]) =>
  names.some((name) => MACRO_PART_NAME.test(name));

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Character and predefined entity references resolved; undefined for any other entity. */
function resolveReferences(text: string): string | undefined {
  let unknown = false;
  const resolved = text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : +body.slice(1);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    const value = PREDEFINED[body];
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown ? undefined : resolved;
}

function decode(bytes: Uint8Array): string | undefined {
  const [first, second] = [bytes[0], bytes[1]];
  if (first === 0xff && second === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (first === 0xfe && second === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  if (first === 0x3c && second === 0x00) return new TextDecoder("utf-16le").decode(bytes);
  if (first === 0x00 && second === 0x3c) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export type ContentTypesVerdict = "plain" | "macros" | "unreadable";

/**
 * Reads `[Content_Types].xml` as Office would and says whether it declares macros.
 * Unreadable: not UTF-8/UTF-16 text, another declared encoding (UTF-7 could spell a
 * content type in a way this check would not see), a DTD (forbidden in packages; it
 * could define entities that spell one), unknown entities, or no `<Types>` element.
 */
export function readContentTypes(bytes: Uint8Array): ContentTypesVerdict {
  const text = decode(bytes);
  if (text === undefined) return "unreadable";
  const declared = /^\uFEFF?<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']/i.exec(text)?.[1];
  if (declared !== undefined && !/^(utf-8|utf-16(le|be)?)$/i.test(declared)) return "unreadable";
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return "unreadable";
  const resolved = resolveReferences(text);
  if (resolved === undefined || !/<(\w+:)?Types[\s>/]/.test(resolved)) return "unreadable";
  return MACRO_CONTENT_TYPE.test(resolved) ? "macros" : "plain";
}
