import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oleFile } from "../../../test/support/ole-builder";
import {
  buildZip,
  contentTypes,
  MAIN_TYPES,
  officePackage,
} from "../../../test/support/zip-builder";
import { detectFileType } from "./detect-file-type";
import { readContentTypes } from "./office-macros";

const MACROS = "含宏的 Office 文档";
const DAMAGED = "损坏的 Office 文档";

async function refusal(bytes: Uint8Array) {
  const verdict = await detectFileType(bytes);
  if (verdict.accepted) throw new Error(`accepted as ${verdict.mimeType}`);
  return verdict;
}

describe("Office documents with macros", () => {
  it("accepts plain Word, Excel and PowerPoint packages with deflated content types", async () => {
    for (const kind of ["word", "excel", "powerpoint"] as const) {
      expect(await detectFileType(officePackage(kind)), kind).toMatchObject({ accepted: true });
    }
  });

  it("refuses a .docx whose VBA project has another name but is declared in the content types", async () => {
    const docx = officePackage("word", {
      overrides: { "/word/styles-extra.dat": "application/vnd.ms-office.vbaProject" },
      extra: [{ name: "word/styles-extra.dat", content: "\0\0\0 not looked at" }],
    });
    expect((await refusal(docx)).what.zh).toContain(MACROS);
  });

  it("refuses a VBA project declared by a default extension", async () => {
    const withDefault = (type: string) =>
      buildZip([
        {
          name: "[Content_Types].xml",
          content: contentTypes({ "/word/document.xml": MAIN_TYPES.docx }, { dat: type }),
        },
        { name: "word/document.xml", content: "<w:document/>" },
        { name: "word/media/a.dat", content: "\0" },
      ]);
    expect(await detectFileType(withDefault("image/png"))).toMatchObject({ accepted: true });
    const refused = await refusal(withDefault("application/vnd.ms-office.vbaProject"));
    expect(refused.what.zh).toContain(MACROS);
  });

  it.each([
    ["a .docm", "word", MAIN_TYPES.docm],
    ["an .xlsm", "excel", MAIN_TYPES.xlsm],
    ["a .pptm", "powerpoint", MAIN_TYPES.pptm],
  ] as const)("refuses %s by its macro-enabled main content type", async (_name, kind, type) => {
    expect((await refusal(officePackage(kind, { mainType: type }))).what.zh).toContain(MACROS);
  });

  it.each([
    ["Word VBA data", "application/vnd.ms-word.vbaData+xml"],
    ["an ActiveX control", "application/vnd.ms-office.activeX+xml"],
    ["an Excel 4.0 macro sheet", "application/vnd.ms-excel.macrosheet+xml"],
    ["a binary workbook (.xlsb)", "application/vnd.ms-excel.sheet.binary.macroEnabled.main"],
  ])("refuses %s declared in the content types", async (_name, type) => {
    const xlsx = officePackage("excel", { overrides: { "/xl/x/part1.xml": type } });
    expect((await refusal(xlsx)).what.zh).toContain(MACROS);
  });

  it("keeps refusing the usual part names even when the content types do not declare them", async () => {
    for (const name of ["word/vbaProject.bin", "word/vbaData.xml", "word/activeX/activeX1.xml"]) {
      const docx = officePackage("word", { extra: [{ name, content: "<x/>" }] });
      expect((await refusal(docx)).what.zh, name).toContain(MACROS);
    }
  });

  it("sees through character references and UTF-16", async () => {
    const encoded = officePackage("word", {
      overrides: { "/word/a.bin": "application/vnd.ms-office.vba&#80;roj&#x65;ct" },
    });
    expect((await refusal(encoded)).what.zh).toContain(MACROS);
    const text = contentTypes({ "/word/document.xml": MAIN_TYPES.docm }).replace(
      'encoding="UTF-8"',
      'encoding="UTF-16"',
    );
    const utf16 = buildZip([
      {
        name: "[Content_Types].xml",
        content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      },
      { name: "word/document.xml", content: "<w:document/>" },
    ]);
    expect((await refusal(utf16)).what.zh).toContain(MACROS);
  });

  it.each([
    ["is not text", Buffer.from([0xc3, 0x28, 0xa0, 0xa1])],
    ["declares UTF-7", '<?xml version="1.0" encoding="UTF-7"?><Types/>'],
    ["has a DTD", '<!DOCTYPE Types [<!ENTITY v "vbaProject">]><Types>&v;</Types>'],
    ["uses an unknown entity", "<Types><Default ContentType='&v;'/></Types>"],
    ["has no Types element", "<Relationships/>"],
  ])("refuses a package whose content types %s as damaged", async (_name, content) => {
    const docx = buildZip([
      { name: "[Content_Types].xml", content },
      { name: "word/document.xml", content: "<w:document/>" },
    ]);
    expect((await refusal(docx)).what.zh).toContain(DAMAGED);
  });

  it("refuses a package whose content types cannot be unpacked or are too large", async () => {
    const encrypted = buildZip([
      { name: "[Content_Types].xml", content: contentTypes({}), encrypted: true },
      { name: "word/document.xml", content: "<w:document/>" },
    ]);
    expect((await refusal(encrypted)).what.zh).toContain("加密");
    const corrupt = buildZip([
      { name: "[Content_Types].xml", data: Buffer.from([0xff, 0xff, 0xff]), declaredSize: 40 },
      { name: "word/document.xml", content: "<w:document/>" },
    ]);
    expect((await refusal(corrupt)).what.zh).toContain(DAMAGED);
    const huge = buildZip([
      {
        name: "[Content_Types].xml",
        content: contentTypes({}) + " ".repeat(1024 * 1024),
        method: "store",
      },
      { name: "word/document.xml", content: "<w:document/>" },
    ]);
    expect((await refusal(huge)).what.zh).toContain(DAMAGED);
  });

  it("finds a macro content type however its letters are written as references", () => {
    const macroTypes = [
      "application/vnd.ms-office.vbaProject",
      MAIN_TYPES.docm,
      "application/vnd.ms-word.vbaData+xml",
      "application/vnd.ms-office.activeX",
    ];
    const reference = (char: string, style: number) =>
      style === 0
        ? char
        : style === 1
          ? `&#${char.codePointAt(0)};`
          : `&#x${char.codePointAt(0)!.toString(16)};`;
    fc.assert(
      fc.property(
        fc.constantFrom(...macroTypes),
        fc.infiniteStream(fc.integer({ min: 0, max: 2 })),
        fc.boolean(),
        (type, styles, upper) => {
          const written = Array.from(upper ? type.toUpperCase() : type)
            .map((char) => reference(char, styles.next().value))
            .join("");
          const xml = contentTypes({ "/word/document.xml": MAIN_TYPES.docx, "/x": written });
          expect(readContentTypes(Buffer.from(xml))).toBe("macros");
        },
      ),
    );
  });
});

describe("legacy Office documents with VBA", () => {
  it.each([
    ["a .doc with a Macros storage", ["WordDocument", "Macros/", "VBA/", "_VBA_PROJECT"]],
    ["a .doc with only a Macros storage", ["WordDocument", "Macros/"]],
    ["an .xls with _VBA_PROJECT_CUR", ["Workbook", "_VBA_PROJECT_CUR/"]],
    ["a .ppt with a VBA storage", ["PowerPoint Document", "VBA/"]],
    ["names in another case", ["WordDocument", "macros/"]],
  ])("refuses %s", async (_name, names) => {
    expect((await refusal(oleFile(...names))).what.zh).toContain(MACROS);
  });

  it("accepts the same documents without them", async () => {
    expect(await detectFileType(oleFile("WordDocument", "1Table", "ObjectPool/"))).toMatchObject({
      accepted: true,
      mimeType: "application/msword",
    });
  });
});
