import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MultipartPartCounter, multipartBoundary } from "./multipart-parts";

const B = "----b0undary";
const part = (headers: string, body: string) => `--${B}\r\n${headers}\r\n\r\n${body}\r\n`;
const BODY =
  "preamble text\r\n" +
  part('Content-Disposition: form-data; name="a"', "1") +
  part("", "a part without headers") +
  part(
    'Content-Disposition: form-data; name="f"; filename="x"',
    `text --${B}x: no line break before it, so no delimiter`,
  ) +
  `--${B}--\r\n` +
  `epilogue --${B}\r\n\r\nnot a part\r\n`;

function count(chunks: string[]) {
  const counter = new MultipartPartCounter(B);
  for (const chunk of chunks) counter.push(Buffer.from(chunk, "latin1"));
  return { parts: counter.parts, complete: counter.complete };
}

describe("MultipartPartCounter", () => {
  it("counts every part, with or without headers, up to the closing delimiter", () => {
    expect(count([BODY])).toEqual({ parts: 3, complete: true });
    expect(count([part("", "x")])).toEqual({ parts: 1, complete: false });
    expect(count([""])).toEqual({ parts: 0, complete: false });
  });

  it("counts the same however the body is cut into chunks", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: BODY.length }), { maxLength: 40 }), (cuts) => {
        const at = [0, ...[...cuts].sort((a, b) => a - b), BODY.length];
        const chunks = at.slice(1).map((end, index) => BODY.slice(at[index], end));
        expect(count(chunks)).toEqual({ parts: 3, complete: true });
      }),
    );
  });
});

describe("multipartBoundary", () => {
  it.each([
    ["multipart/form-data; boundary=abc", "abc"],
    ['multipart/form-data; charset=utf-8; boundary="a b;c"', "a b;c"],
    ["multipart/form-data;BOUNDARY=----x ", "----x"],
    ["multipart/form-data", undefined],
    [undefined, undefined],
  ])("reads %s", (contentType, boundary) => {
    expect(multipartBoundary(contentType)).toBe(boundary);
  });
});
