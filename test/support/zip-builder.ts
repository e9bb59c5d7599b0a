import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * ZIP archives built in memory, honest or hostile, so tests need no binary fixtures.
 * Every field a hostile archive lies about can be overridden per entry.
 */
export interface ZipEntrySpec {
  name: string;
  content?: string | Uint8Array;
  /** "deflate" by default, as real archivers write; "store" keeps the bytes as they are. */
  method?: "store" | "deflate";
  /** Raw bytes to write as the entry's data instead of compressing `content`. */
  data?: Uint8Array;
  /** The uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
  /** The CRC-32 written in the headers (default: the real one). */
  crc?: number;
  /** Sets the "encrypted" flag; the data is written as given. */
  encrypted?: boolean;
  /** A Unix symbolic link (made by Unix, mode 0o120777); `content` is the link target. */
  symlink?: boolean;
  /** The name in the local header when it differs from the central directory's. */
  localName?: string;
  /** Writes the name without the UTF-8 flag (as old Windows archivers do). */
  rawName?: Uint8Array;
  /** A compression method number other than STORE (0) or DEFLATE (8). */
  methodNumber?: number;
}

export interface ZipOptions {
  /** Writes ZIP64 sizes, offsets and end records even for small archives. */
  zip64?: boolean;
  /** Bytes written between the entries and the central directory (hidden data). */
  gap?: Uint8Array;
}

const u16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
};
const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
};
const u64 = (value: number) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(value));
  return buffer;
};

const MAX_32 = 0xffffffff;
const UTF8_NAME = 0x0800;
const ENCRYPTED = 0x0001;

const asBytes = (content: string | Uint8Array | undefined) =>
  typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content ?? []);

interface Prepared {
  spec: ZipEntrySpec;
  nameBytes: Buffer;
  localNameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  data: Buffer;
  size: number;
}

function prepare(spec: ZipEntrySpec): Prepared {
  const content = asBytes(spec.content);
  const method = spec.methodNumber ?? (spec.method === "store" ? 0 : 8);
  const data = spec.data
    ? Buffer.from(spec.data)
    : method === 8
      ? deflateRawSync(content)
      : Buffer.from(content);
  const nameBytes = spec.rawName ? Buffer.from(spec.rawName) : Buffer.from(spec.name, "utf8");
  return {
    spec,
    nameBytes,
    localNameBytes: spec.localName === undefined ? nameBytes : Buffer.from(spec.localName, "utf8"),
    flags: (spec.rawName ? 0 : UTF8_NAME) | (spec.encrypted ? ENCRYPTED : 0),
    method,
    crc: spec.crc ?? crc32(content),
    data,
    size: spec.declaredSize ?? content.length,
  };
}

/** The ZIP64 extended information extra field: the sizes and, in the directory, the offset. */
const zip64Extra = (size: number, compressed: number, offset?: number) => {
  const fields = [u64(size), u64(compressed), ...(offset === undefined ? [] : [u64(offset)])];
  const body = Buffer.concat(fields);
  return Buffer.concat([u16(0x0001), u16(body.length), body]);
};

/** A complete archive: local headers with data, the central directory, the end record(s). */
export function buildZip(entries: ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const zip64 = options.zip64 === true;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries.map(prepare)) {
    const sizes = zip64 ? [u32(MAX_32), u32(MAX_32)] : [u32(entry.data.length), u32(entry.size)];
    const localExtra = zip64 ? zip64Extra(entry.size, entry.data.length) : Buffer.alloc(0);
    const local = Buffer.concat([
      u32(0x04034b50),
      u16(zip64 ? 45 : 20),
      u16(entry.flags),
      u16(entry.method),
      u16(0), // time
      u16(0x21), // date: 1980-01-01
      u32(entry.crc),
      ...sizes,
      u16(entry.localNameBytes.length),
      u16(localExtra.length),
      entry.localNameBytes,
      localExtra,
      entry.data,
    ]);
    const centralExtra = zip64
      ? zip64Extra(entry.size, entry.data.length, offset)
      : Buffer.alloc(0);
    const madeBy = entry.spec.symlink ? (3 << 8) | 45 : 45;
    const external = entry.spec.symlink ? (0o120777 << 16) >>> 0 : 0;
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(madeBy),
        u16(zip64 ? 45 : 20),
        u16(entry.flags),
        u16(entry.method),
        u16(0),
        u16(0x21),
        u32(entry.crc),
        ...sizes,
        u16(entry.nameBytes.length),
        u16(centralExtra.length),
        u16(0), // comment
        u16(0), // disk
        u16(0), // internal attributes
        u32(external),
        u32(zip64 ? MAX_32 : offset),
        entry.nameBytes,
        centralExtra,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const gap = Buffer.from(options.gap ?? []);
  const directoryOffset = offset + gap.length;
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const recordOffset = directoryOffset + directory.length;
    tail.push(
      Buffer.concat([
        u32(0x06064b50),
        u64(44),
        u16(45),
        u16(45),
        u32(0),
        u32(0),
        u64(entries.length),
        u64(entries.length),
        u64(directory.length),
        u64(directoryOffset),
      ]),
      Buffer.concat([u32(0x07064b50), u32(0), u64(recordOffset), u32(1)]),
    );
  }
  const count = zip64 ? 0xffff : entries.length;
  tail.push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(count),
      u16(count),
      u32(zip64 ? MAX_32 : directory.length),
      u32(zip64 ? MAX_32 : directoryOffset),
      u16(0),
    ]),
  );
  return Buffer.concat([...locals, gap, directory, ...tail]);
}

/**
 * Raw DEFLATE data that inflates to `megabytes` MiB of zeros, built from one compressed
 * MiB repeated, so a gigabyte bomb costs about a megabyte of memory to make.
 */
export function zerosDeflated(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  // A final, empty block with fixed Huffman codes ends the stream.
  const end = Buffer.from([0x03, 0x00]);
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), end]);
}

const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const OOXML = "application/vnd.openxmlformats-officedocument";

/** A `[Content_Types].xml` with the usual defaults and the given overrides (part → type). */
export function contentTypes(overrides: Record<string, string>, defaults = {}): string {
  const allDefaults: Record<string, string> = {
    rels: "application/vnd.openxmlformats-package.relationships+xml",
    xml: "application/xml",
    ...defaults,
  };
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${CONTENT_TYPES_NS}">` +
    Object.entries(allDefaults)
      .map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`)
      .join("") +
    Object.entries(overrides)
      .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
      .join("") +
    "</Types>"
  );
}

/** The main document content types of Word, Excel and PowerPoint, plain and with macros. */
export const MAIN_TYPES = {
  docx: `${OOXML}.wordprocessingml.document.main+xml`,
  xlsx: `${OOXML}.spreadsheetml.sheet.main+xml`,
  pptx: `${OOXML}.presentationml.presentation.main+xml`,
  docm: "application/vnd.ms-word.document.macroEnabled.main+xml",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  pptm: "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
} as const;

/** A minimal Word, Excel or PowerPoint package; `extra` parts and overrides are added. */
export function officePackage(
  kind: "word" | "excel" | "powerpoint",
  options: { mainType?: string; extra?: ZipEntrySpec[]; overrides?: Record<string, string> } = {},
): Buffer {
  const main = {
    word: ["/word/document.xml", MAIN_TYPES.docx, "<w:document/>"],
    excel: ["/xl/workbook.xml", MAIN_TYPES.xlsx, "<workbook/>"],
    powerpoint: ["/ppt/presentation.xml", MAIN_TYPES.pptx, "<p:presentation/>"],
  }[kind];
  const [part, plainType, body] = main as [string, string, string];
  return buildZip([
    {
      name: "[Content_Types].xml",
      content: contentTypes({ [part]: options.mainType ?? plainType, ...options.overrides }),
    },
    { name: "_rels/.rels", content: "<Relationships/>" },
    { name: part.slice(1), content: body },
    ...(options.extra ?? []),
  ]);
}
