import {
  degrees,
  drawText,
  PDFContentStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFOperator,
  type PDFPage,
  type PDFRef,
  type RGB,
} from "pdf-lib";
import { BLACK, GREY, MM } from "./page-writer";

/** 4号 (14 pt) Arabic numerals between em dashes. */
const NUMBER_SIZE = 14;
const MARK_SIZE = 9;

/** "— 3 —" */
export function pageNumberText(n: number): string {
  return `— ${n} —`;
}

/** The two one-operator streams "q" and "Q", written once and shared by every copied page. */
interface Isolation {
  start: PDFRef;
  end: PDFRef;
}

function isolationStreams(doc: PDFDocument): Isolation {
  // Left uncompressed: deflating a one-byte stream costs more than it saves.
  const stream = (operator: PDFOperator) =>
    doc.context.register(PDFContentStream.of(doc.context.obj({}), [operator], false));
  return { start: stream(pushGraphicsState()), end: stream(popGraphicsState()) };
}

/**
 * A page copied from an evidence PDF may leave its graphics state changed (a transform,
 * a colour); its content is wrapped in q … Q so the number drawn after it sits where meant.
 */
function isolateExistingContent(page: PDFPage, isolation: Isolation): void {
  page.node.normalize();
  page.node.wrapContentStreams(isolation.start, isolation.end);
}

export interface NumberingOptions {
  font: PDFFont;
  /** Pages drawn by someone else (copied evidence), whose content is isolated first. */
  foreign: ReadonlySet<PDFPage>;
  /** Pages before this index carry no number (the cover). */
  firstNumbered: number;
  /** A small "示例" mark at the top of every page of an illustrative volume. */
  mark: string | null;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a point of the page as shown (`across` from its left, `up` from its bottom) lies in
 * the page's own coordinates, for a page shown turned by /Rotate (0, 90, 180 or 270°).
 */
function shownToPage(box: Box, rotation: number, across: number, up: number) {
  switch (rotation) {
    case 90:
      return { x: box.x + box.width - up, y: box.y + across };
    case 180:
      return { x: box.x + box.width - across, y: box.y + box.height - up };
    case 270:
      return { x: box.x + up, y: box.y + box.height - across };
    default:
      return { x: box.x + across, y: box.y + up };
  }
}

/** The operators that draw `text` at a point of the page as shown, upright to the reader. */
function shownText(
  page: PDFPage,
  text: string,
  across: number,
  up: number,
  style: { font: PDFFont; fontKey: PDFName; size: number; color: RGB },
): PDFOperator[] {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  return drawText(style.font.encodeText(text), {
    ...shownToPage(box, rotation, across, up),
    color: style.color,
    font: style.fontKey,
    size: style.size,
    rotate: degrees(rotation),
    xSkew: degrees(0),
    ySkew: degrees(0),
  });
}

/**
 * "— n —" on every page from `firstNumbered`, n being the page's place in the file (so a
 * reader's "go to page n" and the printed number agree): odd pages at the right, even
 * pages at the left, one character in from the text block's edge (GB/T 9704 7.5); on a
 * page turned by /Rotate, at the bottom of the page as shown.
 */
export function numberPages(doc: PDFDocument, options: NumberingOptions): void {
  const { font } = options;
  const isolation = options.foreign.size > 0 ? isolationStreams(doc) : null;
  doc.getPages().forEach((page, index) => {
    if (index < options.firstNumbered && !options.mark) return;
    if (isolation && options.foreign.has(page)) isolateExistingContent(page, isolation);
    const box = page.getCropBox();
    const sideways = [90, 270].includes(((page.getRotation().angle % 360) + 360) % 360);
    const shownWidth = sideways ? box.height : box.width;
    const shownHeight = sideways ? box.width : box.height;
    const fontKey = page.node.newFontDictionary(font.name, font.ref);
    const operators: PDFOperator[] = [];
    if (index >= options.firstNumbered) {
      const n = index + 1;
      const text = pageNumberText(n);
      const width = font.widthOfTextAtSize(text, NUMBER_SIZE);
      const across =
        n % 2 === 1 ? shownWidth - 26 * MM - NUMBER_SIZE - width : 28 * MM + NUMBER_SIZE;
      const up = Math.min(35 * MM - 7 * MM - NUMBER_SIZE, shownHeight * 0.08);
      operators.push(
        ...shownText(page, text, across, up, { font, fontKey, size: NUMBER_SIZE, color: BLACK }),
      );
    }
    if (options.mark) {
      const width = font.widthOfTextAtSize(options.mark, MARK_SIZE);
      operators.push(
        ...shownText(page, options.mark, (shownWidth - width) / 2, shownHeight - 12 * MM, {
          font,
          fontKey,
          size: MARK_SIZE,
          color: GREY,
        }),
      );
    }
    // One small uncompressed stream per page: deflating hundreds of tiny streams churns
    // far more memory than the few bytes it would save.
    if (operators.length > 0) {
      const stream = PDFContentStream.of(doc.context.obj({}), operators, false);
      page.node.addContentStream(doc.context.register(stream));
    }
  });
}
