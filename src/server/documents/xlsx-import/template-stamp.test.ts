import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readStamp, signStamp, STAMP_FORMAT, type TemplateStamp } from "./template-stamp";

const KEY = Buffer.alloc(32, 1);

const stamp: TemplateStamp = {
  year: 2025,
  department: "EDU",
  issuedAt: "2026-03-01T02:00:00.000Z",
  values: new Map([
    ["PRIMARY_ENROLLED|HC", 3],
    ["PRIMARY_ENROLLED|city", 0],
  ]),
  work: new Map([["W05", 2]]),
};

/** Text signed with the key, as if the server had signed whatever JSON this is. */
const signedJson = (json: string) =>
  `${createHmac("sha256", KEY).update(json, "utf8").digest("hex")}:${json}`;

describe("the template stamp", () => {
  it("reads back what was signed", () => {
    const reading = readStamp(KEY, signStamp(KEY, stamp));
    expect(reading).toEqual({ ok: true, stamp });
  });

  it("refuses a stamp edited after signing, or signed with another key", () => {
    const text = signStamp(KEY, stamp);
    expect(readStamp(KEY, text.replace('"W05":2', '"W05":9'))).toMatchObject({ ok: false });
    expect(readStamp(Buffer.alloc(32, 2), text)).toMatchObject({ ok: false });
    expect(readStamp(KEY, text.slice(1))).toMatchObject({ ok: false });
    expect(readStamp(KEY, 42)).toMatchObject({ ok: false });
  });

  it("keeps `__proto__` and `constructor` keys as plain data, polluting nothing", () => {
    const json = JSON.stringify({
      format: STAMP_FORMAT,
      year: 2025,
      department: "EDU",
      issuedAt: "x",
      values: JSON.parse('{"__proto__|HC": 1, "constructor|city": 2}') as unknown,
      work: JSON.parse('{"__proto__": 4}') as unknown,
    });
    expect(json).toContain('"__proto__":4');
    const reading = readStamp(KEY, signedJson(json));
    if (!reading.ok) throw new Error(reading.problem.en);
    expect(reading.stamp.work.get("__proto__")).toBe(4);
    expect(reading.stamp.values.get("constructor|city")).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(reading.stamp.work)).toBe(Map.prototype);
    // Signed again, the keys survive as data too.
    expect(signStamp(KEY, reading.stamp)).toContain('"__proto__":4');
  });

  it("refuses a signed stamp of the wrong shape", () => {
    const base = { format: STAMP_FORMAT, year: 2025, department: "EDU", issuedAt: "x" };
    for (const wrong of [
      { ...base, values: { "A|HC": -1 }, work: {} },
      { ...base, values: { nobar: 1 }, work: {} },
      { ...base, values: [], work: {} },
      { ...base, year: "2025", values: {}, work: {} },
      { ...base, format: "other", values: {}, work: {} },
    ]) {
      expect(readStamp(KEY, signedJson(JSON.stringify(wrong)))).toMatchObject({ ok: false });
    }
  });
});
