import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IRunOptions } from "docx";

/** Millimetres to twips, rounded (docx's own helper truncates: 37 mm would be 2097). */
function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

/**
 * The official document layout of GB/T 9704-2012 in Word's units: A4, a 156 × 225 mm
 * text block (top 37 mm, binding side 28 mm), 3号 (16 pt) body on a fixed 28.95 pt line
 * (22 lines a page). Fonts are named, not embedded: offices have them installed.
 */
export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: {
    top: mm(37),
    bottom: mm(35),
    left: mm(28),
    right: mm(26),
    header: mm(15),
    // The page number's line sits about 7 mm below the text block.
    footer: mm(23),
  },
  /** Width of the text block, for tables and images. */
  textWidth: mm(156),
};

export const FONTS = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  heading3: "仿宋_GB2312",
  pageNumber: "宋体",
} as const;

/** Sizes in half-points, as Word stores them. */
export const SIZES = {
  body: 32, // 3号
  title: 44, // 2号
  pageNumber: 28, // 4号
  table: 24, // 小4号
  header: 21, // 5号
} as const;

/** 28.95 pt in twentieths of a point. */
export const BODY_LINE = 579;
/** Two characters of 16 pt, the first-line indent of body text. */
const TWO_CHARS = 640;

/** One font for every script, so digits and Latin letters match the Chinese text. */
export function font(name: string): NonNullable<IRunOptions["font"]> {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

const exactLine = { line: BODY_LINE, lineRule: LineRuleType.EXACT } as const;

/** The paragraph styles the report uses, named so a reader (or a test) can find them. */
export const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: "Body",
    name: "Body",
    quickFormat: true,
    run: { font: font(FONTS.body), size: SIZES.body },
    paragraph: {
      spacing: { ...exactLine, before: 0, after: 0 },
      indent: { firstLine: TWO_CHARS, firstLineChars: 200 },
      alignment: AlignmentType.JUSTIFIED,
    },
  },
  {
    id: "Title",
    name: "Title",
    basedOn: "Body",
    next: "Body",
    quickFormat: true,
    run: { font: font(FONTS.title), size: SIZES.title, bold: false },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: BODY_LINE },
      indent: { firstLine: 0, firstLineChars: 0 },
    },
  },
  {
    id: "Subtitle",
    name: "Subtitle",
    basedOn: "Body",
    next: "Body",
    run: { font: font(FONTS.heading2), size: SIZES.body },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { ...exactLine, before: 0, after: BODY_LINE },
      indent: { firstLine: 0, firstLineChars: 0 },
    },
  },
  heading("Heading1", "heading 1", FONTS.heading1, 0),
  heading("Heading2", "heading 2", FONTS.heading2, 1),
  heading("Heading3", "heading 3", FONTS.heading3, 2),
  {
    id: "Notice",
    name: "Notice",
    basedOn: "Body",
    next: "Body",
    run: { font: font(FONTS.heading1), size: SIZES.table },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 120, after: 240 },
      indent: { firstLine: 0, firstLineChars: 0 },
      border: {
        top: { style: "single", size: 8, color: "C00000", space: 4 },
        bottom: { style: "single", size: 8, color: "C00000", space: 4 },
        left: { style: "single", size: 8, color: "C00000", space: 4 },
        right: { style: "single", size: 8, color: "C00000", space: 4 },
      },
    },
  },
  {
    id: "Caption",
    name: "caption",
    basedOn: "Body",
    next: "Body",
    run: { font: font(FONTS.heading1), size: SIZES.table, italics: false, color: "000000" },
    paragraph: {
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 120, after: 60 },
      indent: { firstLine: 0, firstLineChars: 0 },
    },
  },
  {
    id: "TableText",
    name: "Table Text",
    basedOn: "Body",
    run: { font: font(FONTS.body), size: SIZES.table },
    paragraph: {
      spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      indent: { firstLine: 0, firstLineChars: 0 },
      alignment: AlignmentType.LEFT,
    },
  },
  {
    id: "Figure",
    name: "Figure",
    basedOn: "Body",
    next: "Body",
    paragraph: {
      // An exact line height would crop the picture to one line.
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 120 },
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0, firstLineChars: 0 },
    },
  },
  {
    id: "Signature",
    name: "Signature",
    basedOn: "Body",
    paragraph: {
      alignment: AlignmentType.RIGHT,
      // 成文日期右空四字.
      indent: { firstLine: 0, firstLineChars: 0, right: 2 * TWO_CHARS },
    },
  },
  {
    id: "PageNumber",
    name: "Page Number",
    run: { font: font(FONTS.pageNumber), size: SIZES.pageNumber },
    paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO } },
  },
  {
    id: "PageHeader",
    name: "Page Header",
    run: { font: font(FONTS.body), size: SIZES.header },
    paragraph: { alignment: AlignmentType.CENTER },
  },
];

function heading(
  id: string,
  name: string,
  fontName: string,
  level: number,
): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: "Body",
    next: "Body",
    quickFormat: true,
    run: { font: font(fontName), size: SIZES.body, bold: false, color: "000000" },
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true },
  };
}
