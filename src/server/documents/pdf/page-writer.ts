import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import type { CjkFonts } from "./cjk-font";
import { wrapParagraph, type MeasureText } from "./line-break";

/** Millimetres to PDF points. */
export const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM } as const;

/** GB/T 9704-2012: top 37 mm, binding (left) 28 mm, text block 156 × 225 mm. */
export const TEXT_BLOCK = {
  left: 28 * MM,
  right: (28 + 156) * MM,
  top: A4.height - 37 * MM,
  bottom: A4.height - (37 + 225) * MM,
  width: 156 * MM,
} as const;

/** 3号 body text, 22 lines to the text block. */
export const BODY_SIZE = 16;
export const BODY_LEADING = (225 * MM) / 22;
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.4, 0.4, 0.4);

export interface LineStyle {
  font: PDFFont;
  size: number;
  leading: number;
  align?: "left" | "center" | "right";
  /** Room kept free at the line's start (left and centre) or end (right). */
  indent?: number;
  color?: RGB;
}

const widthsByFont = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `text` at `size`, summed from cached per-character widths (shaping each line is slow). */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = widthsByFont.get(font);
  if (!widths) {
    widths = new Map();
    widthsByFont.set(font, widths);
  }
  let total = 0;
  for (const char of text) {
    let width = widths.get(char);
    if (width === undefined) {
      width = font.widthOfTextAtSize(char, 1000) / 1000;
      widths.set(char, width);
    }
    total += width;
  }
  return total * size;
}

export function measureWith(font: PDFFont, size: number): MeasureText {
  return (text) => textWidth(font, text, size);
}

/** Text the font can draw on one line: no control characters, tabs as spaces. */
export function drawable(text: string): string {
  return text.replace(/\t/g, " ").replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, "");
}

/** Where a line of text sits vertically: the ideographs centred in the line's box. */
export function baselineIn(top: number, leading: number, size: number): number {
  return top - leading / 2 - 0.36 * size;
}

/**
 * Writes flowing content onto A4 pages inside the GB/T 9704 text block, opening a new
 * page at the end of the document when the current one is full. `y` is the top of the
 * room left on the current page.
 */
export class PageWriter {
  private page: PDFPage | null = null;
  private top = TEXT_BLOCK.top;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: CjkFonts,
  ) {}

  /** The page being written, opened when none is. */
  get current(): PDFPage {
    return this.page ?? this.newPage();
  }

  get y(): number {
    return this.page ? this.top : TEXT_BLOCK.top;
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.top = TEXT_BLOCK.top;
    return this.page;
  }

  /** Ends the current page: whatever comes next starts on a new one. */
  finishPage(): void {
    this.page = null;
  }

  /** Nothing has been written on the current page yet (or no page is open). */
  get atPageTop(): boolean {
    return this.page === null || this.top === TEXT_BLOCK.top;
  }

  remaining(): number {
    return this.y - TEXT_BLOCK.bottom;
  }

  /** Opens a new page unless `height` still fits (a block taller than a page starts at a top). */
  ensure(height: number): void {
    if (this.page === null || (height > this.remaining() + 0.01 && !this.atPageTop)) this.newPage();
  }

  /** White space after a block; at a page's end it simply ends the page. */
  gap(height: number): void {
    if (this.page) this.top = Math.max(TEXT_BLOCK.bottom, this.top - height);
  }

  /** One line of text, on a new page if it does not fit. */
  line(text: string, style: LineStyle): void {
    this.ensure(style.leading);
    const page = this.current;
    const content = drawable(text);
    const width = textWidth(style.font, content, style.size);
    const indent = style.indent ?? 0;
    const x =
      style.align === "center"
        ? TEXT_BLOCK.left + indent + (TEXT_BLOCK.width - indent - width) / 2
        : style.align === "right"
          ? TEXT_BLOCK.right - indent - width
          : TEXT_BLOCK.left + indent;
    page.drawText(content, {
      x,
      y: baselineIn(this.top, style.leading, style.size),
      size: style.size,
      font: style.font,
      color: style.color ?? BLACK,
    });
    this.top -= style.leading;
  }

  /** A paragraph wrapped to the text block; `firstIndent` indents its first line. */
  paragraph(text: string, style: LineStyle, firstIndent = 0): void {
    const measure = measureWith(style.font, style.size);
    const indent = style.indent ?? 0;
    const width = TEXT_BLOCK.width - indent;
    wrapParagraph(drawable(text), width, measure, width - firstIndent).forEach((line, index) =>
      this.line(line, { ...style, indent: indent + (index === 0 ? firstIndent : 0) }),
    );
  }

  /** Lines of a paragraph, wrapped, without drawing them (to measure a block first). */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    return wrapParagraph(drawable(text), width, measureWith(font, size));
  }

  /** Moves the cursor down after drawing something of `height` at the current position. */
  consume(height: number): void {
    this.top -= height;
  }
}
