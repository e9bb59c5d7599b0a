import { describe, expect, it } from "vitest";
import { cleanFileName } from "./upload-evidence";

describe("cleanFileName", () => {
  it.each([
    ["controls, tabs and line breaks", "年报\u0000\t\n\u0085终稿.pdf", "年报终稿.pdf"],
    [
      "bidirectional overrides and marks",
      "report\u202Efdp.exe\u061C\u200F.pdf",
      "reportfdp.exe.pdf",
    ],
    ["folders, either slash", "..\\..\\a/b/统计表.pdf", "统计表.pdf"],
    ["a lone surrogate", "a\ud800b.pdf", "ab.pdf"],
  ])("drops %s", (_name, raw, cleaned) => {
    expect(cleanFileName(raw, [".pdf"])).toBe(cleaned);
  });

  it("gives a name that does not fit the content the content's extension", () => {
    expect(cleanFileName("年报.html", [".pdf"])).toBe("年报.html.pdf");
    expect(cleanFileName("\u202E", [".zip"])).toBe("evidence.zip");
  });
});
