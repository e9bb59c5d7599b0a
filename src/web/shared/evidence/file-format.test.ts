import { describe, expect, it } from "vitest";
import { formatFileSize, previewKind } from "./file-format";

describe("formatFileSize", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1.0 KB"],
    [1536, "1.5 KB"],
    [50 * 1024 * 1024, "50.0 MB"],
    [3 * 1024 ** 3, "3.0 GB"],
    [-1, "—"],
    [Number.NaN, "—"],
  ])("%s bytes reads %s", (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});

describe("previewKind", () => {
  it("shows PDFs in a frame and common images inline, nothing else", () => {
    expect(previewKind("application/pdf")).toBe("pdf");
    expect(previewKind("image/png")).toBe("image");
    expect(previewKind("image/jpeg")).toBe("image");
    expect(previewKind("image/tiff")).toBe("none");
    expect(previewKind("image/bmp")).toBe("none");
    expect(previewKind("application/zip")).toBe("none");
    expect(
      previewKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ).toBe("none");
  });
});
