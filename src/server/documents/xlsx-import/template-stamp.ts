import { createHmac, timingSafeEqual } from "node:crypto";
import { localized, type Localized } from "../../../core";

/**
 * The stamp a downloaded template carries (in its hidden sheet, cell A1): for which year
 * and department it was issued, when, and the version of every figure and work answer
 * it was filled from. On upload it tells a cell the clerk changed offline from one that
 * changed online meanwhile (a conflict, never overwritten unseen). It is signed with a
 * key only the server holds, so a stamp edited to claim newer versions is refused.
 *
 * The text is `<HMAC-SHA-256 in hex>:<JSON>`: the JSON stays readable for whoever opens
 * the sheet, and hex has no colon, so the first colon separates the two.
 */
export const STAMP_FORMAT = "kaoping/template@1";

/** The purpose the lead derives the stamp key for: `deps.secrets.derive(STAMP_KEY_PURPOSE)`. */
export const STAMP_KEY_PURPOSE = "template-stamp";

export interface TemplateStamp {
  year: number;
  department: string;
  /** ISO 8601, UTC. */
  issuedAt: string;
  /** `stampValueKey(element, region)` → the stored version at download (0: none stored). */
  values: ReadonlyMap<string, number>;
  /** Work item code → the stored answer's version at download (0: not answered). */
  work: ReadonlyMap<string, number>;
}

/** Excel keeps at most 32,767 characters in a cell; the stamp must fit in one. */
const MAX_STAMP_CHARS = 32_767;
const MAC_HEX_CHARS = 64;
// Codes are any text without spaces (framework format); lengths are capped for safety.
const CODE = /^\S{1,256}$/;

export const stampValueKey = (element: string, region: string) => `${element}|${region}`;

const mac = (key: Buffer, json: string) => createHmac("sha256", key).update(json, "utf8").digest();

/** Object.fromEntries defines own properties, so a key like `__proto__` stays plain data. */
const sortedObject = (entries: ReadonlyMap<string, number>) =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The stamp's text for STAMP_SHEET!A1. */
export function signStamp(key: Buffer, stamp: TemplateStamp): string {
  const json = JSON.stringify({
    format: STAMP_FORMAT,
    year: stamp.year,
    department: stamp.department,
    issuedAt: stamp.issuedAt,
    values: sortedObject(stamp.values),
    work: sortedObject(stamp.work),
  });
  const text = `${mac(key, json).toString("hex")}:${json}`;
  if (text.length > MAX_STAMP_CHARS) {
    throw new Error(`the template stamp has ${text.length} characters; a cell holds 32,767`);
  }
  return text;
}

export type StampReading = { ok: true; stamp: TemplateStamp } | { ok: false; problem: Localized };

const NOT_A_STAMP = localized(
  "文件中没有有效的模板标记（_kaoping 工作表），请重新下载模板后填写",
  "the file carries no valid template stamp (sheet _kaoping); download the template again and fill it in",
);

const TAMPERED = localized(
  "模板标记校验失败（已被修改或不是本系统生成），请重新下载模板后填写",
  "the template stamp does not verify (it was edited or not issued here); download the template again",
);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Versions from the parsed JSON into a Map, reading own keys only; undefined if any is wrong. */
function versionsOf(value: unknown, keyShape: RegExp): Map<string, number> | undefined {
  if (!isObject(value)) return undefined;
  const versions = new Map<string, number>();
  for (const key of Object.keys(value)) {
    const version = value[key];
    if (!keyShape.test(key) || !Number.isSafeInteger(version) || (version as number) < 0) {
      return undefined;
    }
    versions.set(key, version as number);
  }
  return versions;
}

const VALUE_KEY = /^\S{1,256}\|\S{1,256}$/;

/**
 * The stamp from the cell's text, once its HMAC verifies and its shape is right.
 * The JSON is parsed only after the HMAC matched, so only text this server signed is
 * ever parsed; its keys are still read into Maps, never merged into objects.
 */
export function readStamp(key: Buffer, text: unknown): StampReading {
  if (typeof text !== "string" || text.length > MAX_STAMP_CHARS) {
    return { ok: false, problem: NOT_A_STAMP };
  }
  const colon = text.indexOf(":");
  if (colon !== MAC_HEX_CHARS || !/^[0-9a-f]{64}$/.test(text.slice(0, colon))) {
    return { ok: false, problem: NOT_A_STAMP };
  }
  const json = text.slice(colon + 1);
  const expected = mac(key, json);
  if (!timingSafeEqual(expected, Buffer.from(text.slice(0, colon), "hex"))) {
    return { ok: false, problem: TAMPERED };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, problem: NOT_A_STAMP };
  }
  if (!isObject(parsed) || parsed.format !== STAMP_FORMAT) {
    return { ok: false, problem: NOT_A_STAMP };
  }
  const { year, department, issuedAt } = parsed;
  const values = versionsOf(parsed.values, VALUE_KEY);
  const work = versionsOf(parsed.work, CODE);
  if (
    !Number.isSafeInteger(year) ||
    typeof department !== "string" ||
    !CODE.test(department) ||
    typeof issuedAt !== "string" ||
    !values ||
    !work
  ) {
    return { ok: false, problem: NOT_A_STAMP };
  }
  return { ok: true, stamp: { year: year as number, department, issuedAt, values, work } };
}
