/**
 * Counts the parts of a multipart body as its bytes go by, independently of the form
 * parser. The parser (busboy) silently skips a part without headers or without a
 * `Content-Disposition: form-data; name=…`; comparing its parts with this count is how
 * such a body is told apart from a well-formed one and refused as malformed.
 */

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return match?.[1] ?? match?.[2];
}

/**
 * A delimiter is CRLF, "--" and the boundary (RFC 2046); the body may open with one
 * without the CRLF, so counting starts as if a CRLF came first. A delimiter followed
 * by "--" closes the body; anything after it (the epilogue) is not counted.
 */
export class MultipartPartCounter {
  private readonly delimiter: Buffer;
  private carry: Buffer = Buffer.from("\r\n");
  private count = 0;
  private closed = false;

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
  }

  /** Parts opened before the closing delimiter. */
  get parts(): number {
    return this.count;
  }

  /** Whether the closing delimiter has gone by (a body without one was cut short). */
  get complete(): boolean {
    return this.closed;
  }

  push(chunk: Buffer): void {
    if (this.closed) return;
    const data = Buffer.concat([this.carry, chunk]);
    const size = this.delimiter.length;
    let from = 0;
    for (;;) {
      const at = data.indexOf(this.delimiter, from);
      // Two bytes after the delimiter tell a new part from the close.
      if (at < 0 || at + size + 2 > data.length) break;
      if (data[at + size] === 0x2d && data[at + size + 1] === 0x2d) {
        this.closed = true;
        return;
      }
      this.count++;
      from = at + size;
    }
    // Keep what could be the start of a delimiter cut off by the chunk's end.
    this.carry = Buffer.from(data.subarray(Math.max(from, data.length - size - 1)));
  }
}
