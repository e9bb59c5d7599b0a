import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  STAMP_KEY,
  bareTemplate,
  demoCells,
  demoYear,
  xlsxParts,
  zipParts,
} from "../../../../test/support/xlsx-fixtures";
import { inspectTemplatePackage } from "./inspect-template-package";
import { readTemplate } from "./read-template";
import { TEMPLATE_LIMITS } from "./template-limits";

const cells = demoCells("EDU");
const { framework } = demoYear();
const SHEET = "xl/worksheets/sheet1.xml";

const read = (bytes: Uint8Array) =>
  readTemplate({
    bytes,
    cells,
    framework,
    stampKey: STAMP_KEY,
    year: 2025,
    department: "EDU",
    limits: TEMPLATE_LIMITS,
  });

/** An honest template with one of its parts rewritten. */
async function withPart(name: string, edit: (xml: string) => string): Promise<Buffer> {
  const parts = await xlsxParts(await bareTemplate({ cells }));
  const xml = parts.get(name)?.toString("utf8");
  if (xml === undefined) throw new Error(`no part ${name}`);
  const edited = edit(xml.replace("<sheetData/>", "<sheetData></sheetData>"));
  if (edited === xml) throw new Error(`the edit changed nothing in ${name}`);
  parts.set(name, Buffer.from(edited, "utf8"));
  return zipParts(parts);
}

describe("a hostile or foreign file is refused before ExcelJS opens it", () => {
  it("lets an honest template through, also rebuilt part by part", async () => {
    expect(await inspectTemplatePackage(await bareTemplate({ cells }), TEMPLATE_LIMITS)).toEqual({
      ok: true,
    });
    const rebuilt = await withPart(SHEET, (xml) => xml.replace("<sheetData>", "<sheetData> "));
    expect((await read(rebuilt)).ok).toBe(true);
  });

  it("refuses a file that is not a zip, and a zip that is not a workbook", async () => {
    expect(await read(Buffer.from("序号,代码\n1,F5\n"))).toMatchObject({ kind: "notXlsx" });
    expect(await read(zipParts(new Map([["readme.txt", "hello"]])))).toMatchObject({
      kind: "notXlsx",
    });
  });

  it("refuses a file of 5 MB and one byte", async () => {
    const big = Buffer.alloc(TEMPLATE_LIMITS.maxFileBytes + 1);
    expect(await read(big)).toMatchObject({ ok: false, kind: "tooLarge" });
  });

  it("refuses a zip bomb: a part compressed far past any real workbook", async () => {
    const parts = await xlsxParts(await bareTemplate({ cells }));
    const bomb = zipParts(parts, [{ name: "xl/media/image1.png", content: Buffer.alloc(8 << 20) }]);
    const verdict = await read(bomb);
    expect(verdict).toMatchObject({ ok: false, kind: "hostile" });
    if (!verdict.ok && verdict.kind === "hostile") expect(verdict.problem.zh).toContain("压缩炸弹");
  });

  it("refuses a part that unpacks to more than it declares", async () => {
    const parts = await xlsxParts(await bareTemplate({ cells }));
    const content = Buffer.alloc(4 << 20, 0x61);
    const liar = zipParts(parts, [
      { name: "xl/media/image1.png", data: deflateRawSync(content), declaredSize: 1000 },
    ]);
    expect(await read(liar)).toMatchObject({ ok: false, kind: "hostile" });
  });

  it("refuses a sheet whose dimension claims a million rows", async () => {
    const verdict = await read(
      await withPart(SHEET, (xml) =>
        xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:F1000000"/>'),
      ),
    );
    expect(verdict).toMatchObject({ ok: false, kind: "hostile" });
    if (!verdict.ok && verdict.kind === "hostile") {
      expect(verdict.problem.zh).toContain("到第 1000000 行");
    }
  });

  it("refuses a cell far down the sheet, a huge merge, validation or name", async () => {
    const farCell = await withPart(SHEET, (xml) =>
      xml.replace("</sheetData>", '<row r="9000"><c r="A9000"><v>1</v></c></row></sheetData>'),
    );
    const merge = await withPart(SHEET, (xml) =>
      xml.replace(
        "</sheetData>",
        '</sheetData><mergeCells count="1"><mergeCell ref="A1:GR4999"/></mergeCells>',
      ),
    );
    const validation = await withPart(SHEET, (xml) =>
      xml.replace(
        /<\/sheetData>/,
        '</sheetData><dataValidations count="1"><dataValidation type="decimal" sqref="A1:A99999999999"><formula1>0</formula1></dataValidation></dataValidations>',
      ),
    );
    const name = await withPart("xl/workbook.xml", (xml) =>
      xml.replace(
        "</workbook>",
        "<definedNames><definedName name=\"all\">'指标考评表'!$A$1:$XFD$1048576</definedName></definedNames></workbook>",
      ),
    );
    for (const [what, bytes] of Object.entries({ farCell, merge, validation, name })) {
      expect(await read(bytes), what).toMatchObject({ ok: false, kind: "hostile" });
    }
  });

  it("refuses any part, not only a sheet, that unpacks past the part limit", async () => {
    const parts = await xlsxParts(await bareTemplate({ cells }));
    const strings = `<sst>${"<si><t>示例</t></si>".repeat(8_000)}</sst>`;
    parts.set("xl/sharedStrings.xml", Buffer.from(strings, "utf8"));
    const limits = { ...TEMPLATE_LIMITS, maxPartBytes: 64 * 1024 };
    const verdict = await inspectTemplatePackage(zipParts(parts), limits);
    expect(verdict).toMatchObject({ ok: false, kind: "hostile" });
    if (!verdict.ok) expect(verdict.problem.zh).toContain("xl/sharedStrings.xml");
    expect(await inspectTemplatePackage(zipParts(parts), TEMPLATE_LIMITS)).toEqual({ ok: true });
  });

  it("refuses an archive with more parts than a workbook has", async () => {
    const parts = new Map<string, string | Buffer>(await xlsxParts(await bareTemplate({ cells })));
    for (let index = 0; index < TEMPLATE_LIMITS.zip.maxEntries; index++) {
      parts.set(`xl/extra/${index}.xml`, "<x/>");
    }
    expect(await read(zipParts(parts))).toMatchObject({ ok: false, kind: "hostile" });
  });
});
