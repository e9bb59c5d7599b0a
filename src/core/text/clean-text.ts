/**
 * Text that Kaoping stores, hashes or shows must be well-formed Unicode without the
 * characters that hide what it says. JavaScript strings may hold lone UTF-16
 * surrogates (valid in JSON as "\ud800"), which UTF-8 cannot encode: the databases store
 * U+FFFD instead, so anything hashed before storing would no longer match. NUL is
 * refused by PostgreSQL. Controls and bidirectional overrides make "report\u202Efdp.exe"
 * read as "reportexe.pdf" and let a note look like something it is not.
 */

const REPLACEMENT = "\uFFFD";

/** True when every surrogate in `text` is half of a pair (the string is valid UTF-16). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return false;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
}

/** C0 and C1 controls (tab and line feed excepted) and DEL. */
export function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    code === 0x7f ||
    (code >= 0x80 && code <= 0x9f)
  );
}

/** The marks and overrides that reorder how text is displayed (LRM/RLM, embeddings, isolates). */
export function isBidiControl(code: number): boolean {
  return (
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** A character that text in Kaoping never keeps: a control, a bidi control or a lone surrogate. */
export function isUnsafeChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return isControl(code) || isBidiControl(code) || (code >= 0xd800 && code <= 0xdfff);
}

/** The first character that `cleanFreeText` would remove, with its position, or undefined. */
export function findUnsafeChar(text: string): { index: number; code: number } | undefined {
  let index = 0;
  for (const char of text) {
    if (isUnsafeChar(char) && char !== "\r") return { index, code: char.codePointAt(0)! };
    index += char.length;
  }
  return undefined;
}

/**
 * Free text as a clerk means it: line breaks become "\n", and controls, bidi overrides
 * and lone surrogates are dropped (pasting from a word processor brings such
 * characters in by accident; keeping them would only hide what the text says).
 * Callers refuse lone surrogates before this, so nothing a person typed is lost.
 */
export function cleanFreeText(text: string): string {
  return Array.from(text.replace(/\r\n?/g, "\n"))
    .filter((char) => !isUnsafeChar(char))
    .join("");
}

/**
 * The text exactly as either database will store and return it: lone surrogates and
 * NUL become U+FFFD. Used where text must be kept whatever it holds (the actor of a
 * failed login is whatever was typed), so that a hash taken over it still holds when
 * the row is read back.
 */
export function storableText(text: string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let bad = unit === 0;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) bad = true;
    if (bad) {
      out += text.slice(start, i) + REPLACEMENT;
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}
