import { describe, expect, it } from "vitest";
import { detectFileType } from "./detect-file-type";
import { readZipDirectory } from "./zip-directory";
import { oleFile } from "../../../test/support/ole-builder";
import { buildZip } from "../../../test/support/zip-builder";

// ── Small builders for real (if tiny) files ──────────────────────────────────────────

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part))),
  );

const u16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
};
const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
};

/** A valid ZIP with STORE (uncompressed) entries, as OpenDocument needs for its `mimetype`. */
const storedZip = (entries: [name: string, content: string][]) =>
  buildZip(entries.map(([name, content]) => ({ name, content, method: "store" })));

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

function bmp(): Buffer {
  const file = Buffer.alloc(58);
  file.write("BM", 0, "latin1");
  file.writeUInt32LE(58, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  file.writeInt32LE(1, 18);
  file.writeInt32LE(1, 22);
  return file;
}

// ── Accepted ─────────────────────────────────────────────────────────────────────────

describe("detectFileType accepts", () => {
  it.each([
    [
      "PDF",
      bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
      "application/pdf",
      ".pdf",
    ],
    [
      "PNG",
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32(13), "IHDR"),
      "image/png",
      ".png",
    ],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0], u16(16), "JFIF\0"), "image/jpeg", ".jpg"],
    ["GIF87a", bytes("GIF87a", [1, 0, 1, 0, 0, 0, 0]), "image/gif", ".gif"],
    ["GIF89a", bytes("GIF89a", [1, 0, 1, 0, 0, 0, 0]), "image/gif", ".gif"],
    ["WebP", bytes("RIFF", u32(26), "WEBPVP8L", u32(14)), "image/webp", ".webp"],
    ["TIFF (little-endian)", bytes("II*\0", u32(8)), "image/tiff", ".tif"],
    ["TIFF (big-endian)", bytes("MM\0*", [0, 0, 0, 8]), "image/tiff", ".tif"],
    ["BMP", bmp(), "image/bmp", ".bmp"],
  ])("%s", async (_name, content, mimeType, extension) => {
    expect(await detectFileType(content)).toEqual({
      accepted: true,
      mimeType,
      extensions: expect.arrayContaining([extension]),
    });
  });

  it.each([
    ["WordDocument", "application/msword", ".doc"],
    ["Workbook", "application/vnd.ms-excel", ".xls"],
    ["Book", "application/vnd.ms-excel", ".xls"],
    ["PowerPoint Document", "application/vnd.ms-powerpoint", ".ppt"],
  ])("legacy Office by its %s stream", async (stream, mimeType, extension) => {
    const verdict = await detectFileType(oleFile(stream));
    expect(verdict).toMatchObject({ accepted: true, mimeType });
    expect(verdict.accepted && verdict.extensions[0]).toBe(extension);
  });

  it.each([
    [
      "word/document.xml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ".docx",
    ],
    [
      "xl/workbook.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ".xlsx",
    ],
    [
      "ppt/presentation.xml",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      ".pptx",
    ],
  ])("OOXML with %s", async (part, mimeType, extension) => {
    const zip = storedZip([
      ["[Content_Types].xml", CONTENT_TYPES],
      ["_rels/.rels", "<Relationships/>"],
      [part, "<x/>"],
    ]);
    const verdict = await detectFileType(zip);
    expect(verdict).toMatchObject({ accepted: true, mimeType });
    expect(verdict.accepted && verdict.extensions[0]).toBe(extension);
  });

  it("OpenDocument by its stored mimetype entry", async () => {
    const odt = storedZip([
      ["mimetype", "application/vnd.oasis.opendocument.text"],
      ["content.xml", "<office:document-content/>"],
    ]);
    expect(await detectFileType(odt)).toEqual({
      accepted: true,
      mimeType: "application/vnd.oasis.opendocument.text",
      extensions: [".odt"],
    });
  });

  it("any other ZIP as application/zip", async () => {
    const zip = storedZip([
      ["统计表/说明.txt", "示例"],
      ["readme.txt", "hello"],
    ]);
    expect(readZipDirectory(zip, 10)).toMatchObject({ readable: true, entries: [{}, {}] });
    expect(await detectFileType(zip)).toEqual({
      accepted: true,
      mimeType: "application/zip",
      extensions: [".zip"],
    });
  });

  it("[Content_Types].xml without a Word, Excel or PowerPoint folder as a plain ZIP", async () => {
    const zip = storedZip([
      ["[Content_Types].xml", CONTENT_TYPES],
      ["visio/document.xml", "<x/>"],
    ]);
    expect(await detectFileType(zip)).toMatchObject({ mimeType: "application/zip" });
  });
});

// ── Refused ──────────────────────────────────────────────────────────────────────────

describe("detectFileType refuses", () => {
  it.each([
    ["an empty file", Buffer.alloc(0), "空文件"],
    ["a Windows program", bytes("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), "Windows 可执行程序"],
    ["a Linux program", bytes([0x7f], "ELF", [2, 1, 1, 0]), "Linux 可执行程序"],
    ["a shell script", bytes("#!/bin/sh\nrm -rf /\n"), "脚本"],
    ["an HTML page", bytes("<!doctype html><script>alert(1)</script>"), "网页"],
    [
      "an SVG image",
      bytes('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      "SVG",
    ],
    ["plain text", bytes("学校数,在校生数\n12,3400\n"), "无法识别"],
    [
      "text that starts like a bitmap",
      bytes("BM is the abbreviation used in this table"),
      "无法识别",
    ],
    ["an OLE file that is no Office document (an .msi)", oleFile("\u4840\u3f3f\u4577"), "OLE"],
    ["a bare OLE signature", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "OLE"],
    ["a ZIP signature with no archive behind it", bytes("PK\x03\x04garbage"), "ZIP"],
    ["a PDF signature not at the start", bytes(" %PDF-1.4"), "无法识别"],
  ])("%s", async (_name, content, mention) => {
    const verdict = await detectFileType(content);
    expect(verdict.accepted).toBe(false);
    expect(!verdict.accepted && verdict.what.zh).toContain(mention);
    expect(!verdict.accepted && verdict.what.en.length).toBeGreaterThan(0);
  });

  it.each([
    [
      "a macro-enabled Word document",
      [
        ["[Content_Types].xml", CONTENT_TYPES],
        ["word/document.xml", "<x/>"],
        ["word/vbaProject.bin", "\0"],
      ],
    ],
    [
      "an OpenDocument with Basic macros",
      [
        ["mimetype", "application/vnd.oasis.opendocument.text"],
        ["Basic/Standard/Module1.xml", "<x/>"],
      ],
    ],
  ] as [string, [string, string][]][])("%s", async (_name, entries) => {
    const verdict = await detectFileType(storedZip(entries));
    expect(verdict.accepted).toBe(false);
    expect(!verdict.accepted && verdict.what.zh).toContain("宏");
  });
});
