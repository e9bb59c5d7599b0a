import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakUnits, wrapParagraph, wrapText } from "./line-break";

/** Every character one unit wide, so widths are character counts. */
const measure = (text: string) => Array.from(text).length;

describe("wrapParagraph", () => {
  it("breaks between any two Chinese characters", () => {
    expect(wrapParagraph("基本公共服务均等化", 4, measure)).toEqual(["基本公共", "服务均等", "化"]);
  });

  it("keeps Latin words and numbers whole", () => {
    expect(wrapParagraph("得分0.9523分", 6, measure)).toEqual(["得分", "0.9523", "分"]);
    expect(wrapParagraph("PDF file", 5, measure)).toEqual(["PDF", "file"]);
  });

  it("never starts a line with closing punctuation nor ends one with opening punctuation", () => {
    const lines = wrapParagraph("考评办（市财政局）负责，各部门配合。", 4, measure);
    for (const line of lines) {
      expect(line).not.toMatch(/^[，。）、]/);
      expect(line).not.toMatch(/（$/);
    }
    expect(lines.join("")).toBe("考评办（市财政局）负责，各部门配合。");
  });

  it("cuts a word wider than the line by characters", () => {
    expect(wrapParagraph("abcdefghij", 4, measure)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("gives an indented first line less room", () => {
    expect(wrapParagraph("一二三四五六", 4, measure, 2)).toEqual(["一二", "三四五六"]);
  });

  it("keeps a blank line for an empty paragraph", () => {
    expect(wrapText("甲\n\n乙", 4, measure)).toEqual(["甲", "", "乙"]);
  });

  it("loses no character and fits every line to the width (any text)", () => {
    const chars = fc.constantFrom(..."中文字符测试abc 12.5，。（）《》");
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 80 }),
        fc.integer({ min: 3, max: 12 }),
        (list, width) => {
          const text = list.join("");
          const lines = wrapParagraph(text, width, measure);
          // A glued unit (a word with its closing punctuation) may exceed the width by a
          // punctuation mark or two; nothing else may.
          for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width + 2);
          expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
        },
      ),
    );
  });
});

describe("breakUnits", () => {
  it("glues punctuation to its neighbour", () => {
    expect(breakUnits("（一）好，")).toEqual(["（一）", "好，"]);
  });
});
