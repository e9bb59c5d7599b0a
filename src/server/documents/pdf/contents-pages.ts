import type { PDFPage } from "pdf-lib";
import type { CjkFonts } from "./cjk-font";
import { BLACK, TEXT_BLOCK, baselineIn, drawable, textWidth } from "./page-writer";

/** A line of the table of contents: a section (level 1) or a part of one (level 2). */
export interface ContentsEntry {
  title: string;
  level: 1 | 2;
  page: PDFPage;
}

const ENTRY_SIZE = 14;
const ENTRY_LEADING = 24;
const TITLE_SIZE = 22;
/** The heading "目录" takes the room of this many entry lines on the first page. */
const TITLE_LINES = 3;
const LINES_PER_PAGE = Math.floor((TEXT_BLOCK.top - TEXT_BLOCK.bottom) / ENTRY_LEADING);
const LEVEL_INDENT = 2 * ENTRY_SIZE;
const LEADER_GAP = 6;

/**
 * How many pages the contents need. Every entry takes exactly one line (long titles are
 * shortened), so the pages can be reserved before anything else is laid out.
 */
export function contentsPageCount(entries: number): number {
  const firstPage = LINES_PER_PAGE - TITLE_LINES;
  return entries <= firstPage ? 1 : 1 + Math.ceil((entries - firstPage) / LINES_PER_PAGE);
}

/** The title cut with "…" to `width`. */
function fitted(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && measure(`${chars.join("")}…`) > width) chars.pop();
  return `${chars.join("")}…`;
}

/**
 * Fills the reserved pages: "目录", then one line per entry with a dotted leader and the
 * page number the entry starts on, right-aligned.
 */
export function writeContents(
  pages: readonly PDFPage[],
  entries: readonly ContentsEntry[],
  pageNumberOf: (page: PDFPage) => number,
  fonts: CjkFonts,
): void {
  const { regular, bold } = fonts;
  const measure = (text: string) => textWidth(regular, text, ENTRY_SIZE);
  const first = pages[0];
  if (!first) return;
  const title = "目\u3000\u3000录";
  first.drawText(title, {
    x: TEXT_BLOCK.left + (TEXT_BLOCK.width - textWidth(bold, title, TITLE_SIZE)) / 2,
    y: baselineIn(TEXT_BLOCK.top, 2 * ENTRY_LEADING, TITLE_SIZE),
    size: TITLE_SIZE,
    font: bold,
    color: BLACK,
  });
  let pageIndex = 0;
  let line = TITLE_LINES;
  for (const entry of entries) {
    if (line >= LINES_PER_PAGE) {
      pageIndex += 1;
      line = 0;
    }
    const page = pages[pageIndex];
    if (!page) return;
    const font = entry.level === 1 ? bold : regular;
    const number = String(pageNumberOf(entry.page));
    const numberWidth = textWidth(regular, number, ENTRY_SIZE);
    const left = TEXT_BLOCK.left + (entry.level === 2 ? LEVEL_INDENT : 0);
    const room = TEXT_BLOCK.right - numberWidth - LEADER_GAP * 2 - left - ENTRY_SIZE;
    const text = fitted(drawable(entry.title), room, (t) => textWidth(font, t, ENTRY_SIZE));
    const y = baselineIn(TEXT_BLOCK.top - line * ENTRY_LEADING, ENTRY_LEADING, ENTRY_SIZE);
    page.drawText(text, { x: left, y, size: ENTRY_SIZE, font, color: BLACK });
    const leaderStart = left + textWidth(font, text, ENTRY_SIZE) + LEADER_GAP;
    const leaderEnd = TEXT_BLOCK.right - numberWidth - LEADER_GAP;
    const dot = measure(".");
    const dots = Math.max(0, Math.floor((leaderEnd - leaderStart) / dot));
    if (dots > 0) {
      page.drawText(".".repeat(dots), {
        x: leaderEnd - dots * dot,
        y,
        size: ENTRY_SIZE,
        font: regular,
        color: BLACK,
      });
    }
    page.drawText(number, {
      x: TEXT_BLOCK.right - numberWidth,
      y,
      size: ENTRY_SIZE,
      font: regular,
      color: BLACK,
    });
    line += 1;
  }
}
