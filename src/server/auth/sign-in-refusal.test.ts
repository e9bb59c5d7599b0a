import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUnsafeChar, isWellFormed } from "../../core/text/clean-text";
import { visibleText } from "./sign-in-refusal";

const unescape = (text: string) =>
  text.replace(/\\u\{([0-9A-F]+)\}|\\\\/g, (match, hex: string | undefined) =>
    hex === undefined ? "\\" : String.fromCharCode(Number.parseInt(hex, 16)),
  );

describe("visibleText (how a typed name enters the audit log)", () => {
  it("is well-formed, holds nothing that hides or reorders text, and loses nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (typed) => {
        const { text } = visibleText(typed);
        expect(isWellFormed(text)).toBe(true);
        expect(Array.from(text).some(isUnsafeChar)).toBe(false);
        expect(unescape(text)).toBe(typed);
      }),
    );
  });

  it("leaves ordinary names as they are", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_.\-\u4e00-\u9fa5]{1,30}$/), (typed) => {
        expect(visibleText(typed)).toEqual({ text: typed, escaped: false });
      }),
    );
  });
});
