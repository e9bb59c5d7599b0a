/**
 * pdf-lib reads some inputs through `new DataView(bytes.buffer)`, from the start of the
 * underlying memory; a Buffer cut from Node's shared pool starts elsewhere, so it is copied.
 */
export function ownBytes(bytes: Buffer): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}
