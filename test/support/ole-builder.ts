/** Entry types in an OLE2 compound file directory. */
const STORAGE = 1;
const STREAM = 2;
const ROOT = 5;

/**
 * An OLE2 compound file (legacy .doc/.xls/.ppt, .msi) reduced to what file type
 * detection reads: the header and one directory sector holding the root entry and the
 * named entries. A name ending in "/" is a storage (a folder, such as `Macros/`),
 * any other a stream.
 */
export function oleFile(...names: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt32LE(0, 0x30); // the directory starts in sector 0
  const entry = (name: string, type: number) => {
    const slot = Buffer.alloc(128);
    slot.write(name, 0, "utf16le");
    slot.writeUInt16LE((name.length + 1) * 2, 64);
    slot[66] = type;
    return slot;
  };
  const slots = [
    entry("Root Entry", ROOT),
    ...names.map((name) =>
      name.endsWith("/") ? entry(name.slice(0, -1), STORAGE) : entry(name, STREAM),
    ),
  ];
  // Directory sectors hold four entries each; fill the last one with empty slots.
  const padding = Buffer.alloc(((4 - (slots.length % 4)) % 4) * 128);
  return Buffer.concat([header, ...slots, padding]);
}
