import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from "docx";

/** One character of 4号 (14 pt): the page number keeps this far from the edge of the block. */
const ONE_CHAR = 280;

/**
 * "— 1 —" in 4号 宋体 (GB/T 9704-2012 7.5): odd pages on the right, even pages on the
 * left, each one character in from the edge of the text block.
 */
function pageNumberFooter(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: "PageNumber",
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: ONE_CHAR } : { left: ONE_CHAR },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** The footers of a section whose even pages have their own (evenAndOddHeaderAndFooters). */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  return { default: pageNumberFooter("odd"), even: pageNumberFooter("even") };
}
