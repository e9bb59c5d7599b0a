import { FONTS } from "./docx-layout";

/**
 * Fonts the report names, with the font Word should take where one is not installed:
 * 仿宋_GB2312 and 楷体_GB2312 come with the GB2312-era font packs, while Windows ships
 * 仿宋 and 楷体; the title's 方正小标宋简体 falls back to 宋体.
 */
const FALLBACKS: Record<string, string | null> = {
  [FONTS.body]: "仿宋",
  [FONTS.heading2]: "楷体",
  [FONTS.title]: "宋体",
  [FONTS.heading1]: null,
  [FONTS.pageNumber]: null,
};

function fontEntry(name: string, altName: string | null): string {
  return (
    `<w:font w:name="${name}">` +
    (altName ? `<w:altName w:val="${altName}"/>` : "") +
    // Charset 86 is GB2312: Word then picks a Simplified Chinese font for the fallback.
    `<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>` +
    `</w:font>`
  );
}

/** word/fontTable.xml naming each font and its fallback; nothing is embedded. */
export function fontTableXml(): string {
  const entries = Object.entries(FALLBACKS)
    .map(([name, altName]) => fontEntry(name, altName))
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}</w:fonts>`
  );
}
