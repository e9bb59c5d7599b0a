/**
 * Reads a ZIP archive's central directory, and checks that the archive holds nothing
 * the directory does not list. Archivers that extract by the directory and those that
 * stream through the local headers must see the same entries with the same data;
 * otherwise what was inspected is not what gets unpacked.
 */

export interface ZipEntry {
  /** The name, decoded: UTF-8 when flagged (or when it is valid UTF-8), else GB18030. */
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts, and where its (compressed) data starts. */
  localOffset: number;
  dataStart: number;
  /** The high byte is the system that made the entry (3 = Unix). */
  madeBy: number;
  externalAttributes: number;
}

export type ZipDirectory =
  | { readable: true; entries: ZipEntry[] }
  | { readable: false; problem: "damaged" | "tooManyEntries" };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

export const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number) =>
  (u16(bytes, at) + u16(bytes, at + 2) * 0x10000) >>> 0;
const u64 = (bytes: Uint8Array, at: number) => u32(bytes, at) + u32(bytes, at + 4) * 0x1_0000_0000;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf8Lenient = new TextDecoder("utf-8");
// Archivers on Chinese Windows write names in the ANSI code page (GBK) without a flag.
const gb18030 = new TextDecoder("gb18030");

function decodeName(raw: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) return utf8Lenient.decode(raw);
  try {
    return utf8.decode(raw);
  } catch {
    return gb18030.decode(raw);
  }
}

class Damaged extends Error {}

/** The end-of-central-directory record: the last one in the final 64 KiB + 22 bytes. */
function findEnd(bytes: Uint8Array): number | undefined {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - MAX_16; at--) {
    if (u32(bytes, at) === END && at + 22 + u16(bytes, at + 20) <= bytes.length) return at;
  }
  return undefined;
}

interface DirectoryPosition {
  count: number;
  size: number;
  offset: number;
  /** Where the directory must end: at the ZIP64 end record if there is one, else the end record. */
  endsAt: number;
}

function directoryPosition(bytes: Uint8Array, end: number): DirectoryPosition {
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0) throw new Damaged(); // spanned
  const locator = end - 20;
  const hasZip64 = locator >= 0 && u32(bytes, locator) === ZIP64_LOCATOR;
  const plain = {
    count: u16(bytes, end + 10),
    size: u32(bytes, end + 12),
    offset: u32(bytes, end + 16),
    endsAt: end,
  };
  const needsZip64 = plain.count === MAX_16 || plain.size === MAX_32 || plain.offset === MAX_32;
  if (!hasZip64) {
    if (needsZip64) throw new Damaged();
    return plain;
  }
  const record = u64(bytes, locator + 8);
  if (record + 56 > locator || u32(bytes, record) !== ZIP64_END) throw new Damaged();
  return {
    count: u64(bytes, record + 32),
    size: u64(bytes, record + 40),
    offset: u64(bytes, record + 48),
    endsAt: record,
  };
}

/** The sizes and offset a ZIP64 extra field carries for the fields set to 0xFFFFFFFF. */
function applyZip64Extra(bytes: Uint8Array, from: number, to: number, entry: ZipEntry): void {
  const wanted = [
    entry.uncompressedSize === MAX_32,
    entry.compressedSize === MAX_32,
    entry.localOffset === MAX_32,
  ];
  if (!wanted.some(Boolean)) return;
  for (let at = from; at + 4 <= to;) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw new Damaged();
        const value = u64(bytes, field);
        field += 8;
        return value;
      };
      if (wanted[0]) entry.uncompressedSize = next();
      if (wanted[1]) entry.compressedSize = next();
      if (wanted[2]) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
  throw new Damaged();
}

function readCentral(bytes: Uint8Array, at: number, limit: number): [ZipEntry, Uint8Array, number] {
  if (at + 46 > limit || u32(bytes, at) !== CENTRAL) throw new Damaged();
  const nameLength = u16(bytes, at + 28);
  const extraLength = u16(bytes, at + 30);
  const commentLength = u16(bytes, at + 32);
  const next = at + 46 + nameLength + extraLength + commentLength;
  if (next > limit) throw new Damaged();
  const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
  const flags = u16(bytes, at + 8);
  const entry: ZipEntry = {
    name: decodeName(rawName, flags),
    flags,
    method: u16(bytes, at + 10),
    crc32: u32(bytes, at + 16),
    compressedSize: u32(bytes, at + 20),
    uncompressedSize: u32(bytes, at + 24),
    localOffset: u32(bytes, at + 42),
    dataStart: 0,
    madeBy: u16(bytes, at + 4),
    externalAttributes: u32(bytes, at + 38),
  };
  const extraStart = at + 46 + nameLength;
  applyZip64Extra(bytes, extraStart, extraStart + extraLength, entry);
  return [entry, rawName, next];
}

/** The local header must agree with the directory on the name and the method. */
function locateData(bytes: Uint8Array, entry: ZipEntry, rawName: Uint8Array, limit: number) {
  const at = entry.localOffset;
  if (at + 30 > limit || u32(bytes, at) !== LOCAL) throw new Damaged();
  const nameLength = u16(bytes, at + 26);
  const localName = bytes.subarray(at + 30, at + 30 + nameLength);
  if (u16(bytes, at + 8) !== entry.method || !sameBytes(localName, rawName)) throw new Damaged();
  entry.dataStart = at + 30 + nameLength + u16(bytes, at + 28);
  if (entry.dataStart + entry.compressedSize > limit) throw new Damaged();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** A data descriptor (CRC and sizes, 32- or 64-bit, with or without its signature). */
const DESCRIPTOR_LENGTHS = [12, 16, 20, 24];

/**
 * The entries, one after another from the first byte to the directory, with nothing
 * between them but data descriptors: no hidden local entries, no overlapping data
 * (the trick of bombs that reuse one compressed block for every entry).
 */
function checkTiling(entries: ZipEntry[], directoryOffset: number): void {
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  let descriptor = false;
  for (const entry of [...ordered, undefined]) {
    const start = entry ? entry.localOffset : directoryOffset;
    const gap = start - expected;
    if (gap !== 0 && !(descriptor && DESCRIPTOR_LENGTHS.includes(gap))) throw new Damaged();
    if (!entry) return;
    expected = entry.dataStart + entry.compressedSize;
    descriptor = (entry.flags & FLAG_DATA_DESCRIPTOR) !== 0;
  }
}

/**
 * The entries of the archive in directory order, or why they cannot be trusted. More
 * than `maxEntries` entries are refused before any is read.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const end = findEnd(bytes);
  if (end === undefined) return { readable: false, problem: "damaged" };
  try {
    const position = directoryPosition(bytes, end);
    if (position.count > maxEntries) return { readable: false, problem: "tooManyEntries" };
    const directoryEnd = position.offset + position.size;
    if (directoryEnd !== position.endsAt || position.count * 46 > position.size) {
      throw new Damaged();
    }
    const entries: ZipEntry[] = [];
    let at = position.offset;
    for (let index = 0; index < position.count; index++) {
      const [entry, rawName, next] = readCentral(bytes, at, directoryEnd);
      locateData(bytes, entry, rawName, position.offset);
      entries.push(entry);
      at = next;
    }
    if (at !== directoryEnd) throw new Damaged();
    checkTiling(entries, position.offset);
    return { readable: true, entries };
  } catch (error) {
    if (error instanceof Damaged) return { readable: false, problem: "damaged" };
    throw error;
  }
}
