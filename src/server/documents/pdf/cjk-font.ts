import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import * as fontkit from "fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

/**
 * Noto Sans SC, embedded as a subset (a page of Chinese costs kilobytes, not the font's
 * 10 MB). pdf-lib's own fontkit fork writes subsets whose glyphs do not render, so the
 * upstream fontkit@2 is plugged in through a small adapter: pdf-lib reads the subset
 * through `encodeStream()`, which upstream replaced by `encode()`.
 */

export interface CjkFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;

const require = createRequire(import.meta.url);
const fontBytes = new Map<keyof typeof FONT_FILES, Uint8Array>();

/** The TTF bytes, read from node_modules once per process (each file is about 10 MB). */
function bytesOf(weight: keyof typeof FONT_FILES): Uint8Array {
  let bytes = fontBytes.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONT_FILES[weight]));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

/** The parts of pdf-lib's fontkit interface the adapter stands in for. */
type PdfLibFontkit = Parameters<PDFDocument["registerFontkit"]>[0];

interface StreamingSubset {
  encode(): Uint8Array;
  encodeStream(): Readable;
}

/** Upstream fontkit with subsets pdf-lib can read. */
export const streamingFontkit: PdfLibFontkit = {
  create(bytes: Uint8Array) {
    const parsed = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if ("fonts" in parsed) throw new Error("a font collection cannot be embedded");
    const createSubset = parsed.createSubset.bind(parsed);
    // The font object is created for this one embedding, so overriding its method is local.
    parsed.createSubset = () => {
      const subset = createSubset() as unknown as StreamingSubset;
      subset.encodeStream = () => Readable.from([Buffer.from(subset.encode())]);
      return subset as unknown as fontkit.Subset;
    };
    return parsed as unknown as ReturnType<PdfLibFontkit["create"]>;
  },
};

/**
 * A subset tag (six capital letters) as PDF readers expect before a subset font's name,
 * so tools report the font as a subset ("ABCDEF+NotoSansSC-Regular").
 */
function subsetTag(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join("");
}

/** Embeds the regular and the bold weight into `doc` as subsets. */
export async function embedCjkFonts(doc: PDFDocument): Promise<CjkFonts> {
  doc.registerFontkit(streamingFontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytesOf("regular"), {
      subset: true,
      customName: `${subsetTag()}+NotoSansSC-Regular`,
    }),
    doc.embedFont(bytesOf("bold"), { subset: true, customName: `${subsetTag()}+NotoSansSC-Bold` }),
  ]);
  return { regular, bold };
}
