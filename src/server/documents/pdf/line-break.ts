/**
 * Line breaking for Chinese text as a typesetter does it: a line may break between any two
 * Chinese characters, Latin words and numbers stay whole, closing punctuation never starts
 * a line and opening punctuation never ends one (避头尾).
 */

export type MeasureText = (text: string) => number;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** May not start a line. */
const CLOSING = new Set(Array.from("，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%％·"));
/** May not end a line. */
const OPENING = new Set(Array.from("（《「『【〔〈“‘([{"));
const SPACE = /\s/u;

/** The text cut into pieces that are never broken inside (unless wider than a line). */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let word = "";
  const flushWord = () => {
    if (word) units.push(word);
    word = "";
  };
  for (const char of text) {
    if (SPACE.test(char)) {
      flushWord();
      units.push(" ");
    } else if (CJK.test(char) || (char > "\u007f" && (CLOSING.has(char) || OPENING.has(char)))) {
      // ASCII punctuation stays inside its word ("0.95", "(a)"); wide punctuation stands alone.
      flushWord();
      units.push(char);
    } else {
      word += char;
    }
  }
  flushWord();
  return glueForbiddenBreaks(units);
}

function glueForbiddenBreaks(units: string[]): string[] {
  const glued: string[] = [];
  for (const unit of units) {
    const previous = glued[glued.length - 1];
    const first = Array.from(unit)[0]!;
    const joinsPrevious =
      previous !== undefined &&
      previous !== " " &&
      (CLOSING.has(first) || OPENING.has(Array.from(previous).at(-1)!));
    if (joinsPrevious && unit !== " ") glued[glued.length - 1] = previous + unit;
    else glued.push(unit);
  }
  return glued;
}

/** A piece wider than a whole line, cut by characters so that nothing runs past the margin. */
function splitWide(unit: string, width: number, measure: MeasureText): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const char of unit) {
    if (piece && measure(piece + char) > width) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * The lines of one paragraph (no newlines inside) within `width`; `firstWidth` is the
 * first line's room when it is indented. Spaces at the line ends are dropped.
 */
export function wrapParagraph(
  text: string,
  width: number,
  measure: MeasureText,
  firstWidth = width,
): string[] {
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  const room = () => (lines.length === 0 ? firstWidth : width);
  const pushLine = () => {
    lines.push(line.trimEnd());
    line = "";
    lineWidth = 0;
  };
  for (const unit of breakUnits(text)) {
    if (unit === " " && line === "") continue;
    const unitWidth = measure(unit);
    if (lineWidth + unitWidth <= room()) {
      line += unit;
      lineWidth += unitWidth;
      continue;
    }
    if (line.trim() !== "") pushLine();
    if (unit === " ") continue;
    const pieces = unitWidth > room() ? splitWide(unit, room(), measure) : [unit];
    pieces.forEach((piece, index) => {
      if (index > 0) pushLine();
      line = piece;
      lineWidth = measure(piece);
    });
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Every paragraph of a text with newlines, wrapped; an empty paragraph keeps its blank line. */
export function wrapText(text: string, width: number, measure: MeasureText): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => wrapParagraph(paragraph, width, measure));
}
