import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUnsafeChar, isWellFormed } from "../../src/core/text/clean-text";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/**
 * Hostile text in every text field of every route: lone UTF-16 surrogates (valid JSON,
 * but not storable as sent), NUL (PostgreSQL refuses it), controls and bidirectional
 * overrides (which hide what a note says). Each must be refused with a clear 4xx or
 * stored cleaned — never a 500 — and the audit chain must still verify afterwards,
 * on both databases. A last test fails when a route gains a text field this table
 * does not cover.
 */

const YEAR = "/api/cycles/2025";

/** Raw JSON, so lone surrogates travel as the escapes a hostile client would send. */
const json = (value: Record<string, unknown>, raw: Record<string, string> = {}) => {
  let text = JSON.stringify(value);
  for (const [key, escaped] of Object.entries(raw)) {
    text = text.replace(`"${key}":"__RAW__"`, `"${key}":"${escaped}"`);
  }
  return text;
};

/** Text no database can store as sent: refused with 422 wherever it appears. */
const UNSTORABLE = [
  { name: "a lone high surrogate", escaped: "\\u7532\\ud800\\u4e59" },
  { name: "a lone low surrogate", escaped: "\\udfff" },
  { name: "a reversed pair", escaped: "\\udc00\\ud800" },
  { name: "NUL", escaped: "a\\u0000b" },
];

/** Text that hides what it says: dropped from free text, a clear 4xx in codes. */
const NASTY = [
  { name: "a right-to-left override", text: "报告\u202Efdp.exe" },
  { name: "isolates and marks", text: "\u2066x\u2069\u200e\u200f\u061c" },
  { name: "C1 controls and DEL", text: "x\u0085y\u009bz\u007f" },
  { name: "escape sequences", text: "\u001b[31m红\u001b[0m" },
];

/** Text that is fine and must come back exactly as sent. */
const FINE = "第一行\n第二行\t😀 e\u0301 中文（全角）\u200b";

describe.each(DIALECTS)("hostile text on %s", (dialect) => {
  let harness: Harness;
  let office: Client;
  let clerk: Client;

  const auditRows = async () =>
    harness.db.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  /** The year the requests write to (the demo also holds a closed 2024). */
  let cycle2025: string;
  const valueVersion = async (element: string, region: string) =>
    Number(
      (
        await harness.db.db
          .selectFrom("data_values")
          .select("version")
          .where("cycle_id", "=", cycle2025)
          .where("element_code", "=", element)
          .where("region_code", "=", region)
          .executeTakeFirst()
      )?.version ?? 0,
    );
  const workVersion = async (item: string) =>
    Number(
      (
        await harness.db.db
          .selectFrom("work_answers")
          .select("version")
          .where("cycle_id", "=", cycle2025)
          .where("item_code", "=", item)
          .executeTakeFirst()
      )?.version ?? 0,
    );
  const expectClear4xx = (response: LightMyRequestResponse, statuses: number[]) => {
    expect(statuses, response.body).toContain(response.statusCode);
    const body = response.json() as { error: string; message: string };
    expect(typeof body.error).toBe("string");
    expect(body.message.length).toBeGreaterThan(0);
    expect(isWellFormed(body.message)).toBe(true);
  };

  /** A 422 that names the field, and nothing written (no audit row). */
  const expectRefused = async (send: () => Promise<LightMyRequestResponse>, field: string) => {
    const before = (await harness.deps.repos.audit.head()).seq;
    const response = await send();
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().message).toContain(field);
    expect(response.json().message).toContain("Unicode");
    expect((await harness.deps.repos.audit.head()).seq).toBe(before);
  };

  beforeAll(async () => {
    harness = await startHarness(dialect);
    cycle2025 = (await harness.deps.repos.cycles.byYear(2025))!.id;
    office = await harness.as("office");
    clerk = await harness.as("edu-clerk");
  });
  afterAll(() => harness.close());

  const putNote = async (raw: string) =>
    clerk.request({
      method: "PUT",
      url: `${YEAR}/values/PRIMARY_ENROLLED/HC`,
      headers: { "content-type": "application/json" },
      payload: json(
        { value: 132_000, version: await valueVersion("PRIMARY_ENROLLED", "HC"), note: "__RAW__" },
        { note: raw },
      ),
    });
  const putExplanation = async (raw: string) =>
    clerk.request({
      method: "PUT",
      url: `${YEAR}/work/W05`,
      headers: { "content-type": "application/json" },
      payload: json(
        { awarded: { C1: 1 }, explanation: "__RAW__", version: await workVersion("W05") },
        { explanation: raw },
      ),
    });

  describe.each(UNSTORABLE)("$name", ({ escaped }) => {
    it("in a figure's note: 422 naming note, nothing stored", async () => {
      await expectRefused(() => putNote(escaped), "note");
    });

    it("in a work answer's explanation and as a criterion key: 422 naming the field", async () => {
      await expectRefused(() => putExplanation(escaped), "explanation");
      await expectRefused(
        async () =>
          clerk.request({
            method: "PUT",
            url: `${YEAR}/work/W05`,
            headers: { "content-type": "application/json" },
            payload: `{"awarded":{"C1${escaped}":1},"version":${await workVersion("W05")}}`,
          }),
        "awarded",
      );
    });

    it("in a deadline: 422 naming the field", async () => {
      await expectRefused(
        () =>
          office.request({
            method: "PATCH",
            url: YEAR,
            headers: { "content-type": "application/json" },
            payload: `{"departmentsDue":"2026-03-1${escaped}"}`,
          }),
        "departmentsDue",
      );
    });

    it("as a sign-in's username or password: 401 like any failed sign-in, and the chain holds", async () => {
      for (const payload of [
        `{"username":"ghost${escaped}","password":"Wrong-Pass-2025!"}`,
        `{"username":"edu-head","password":"Wrong${escaped}"}`,
      ]) {
        const response = await harness.app.inject({
          method: "POST",
          url: "/api/auth/login",
          headers: { "content-type": "application/json" },
          payload,
        });
        expect(response.statusCode, response.body).toBe(401);
      }
      expect((await office.get("/api/audit/verify")).json()).toMatchObject({ intact: true });
    });
  });

  describe.each(NASTY)("$name", ({ text }) => {
    it("in free text (a note, an explanation) is dropped; the rest is stored as typed", async () => {
      const expected = Array.from(text)
        .filter((char) => !isUnsafeChar(char))
        .join("");
      const note = await putNote(JSON.stringify(text).slice(1, -1));
      expect(note.statusCode, note.body).toBe(200);
      expect(note.json().note).toBe(expected);
      const explanation = await putExplanation(JSON.stringify(text).slice(1, -1));
      expect(explanation.statusCode, explanation.body).toBe(200);
      expect(explanation.json().explanation).toBe(expected);
      const stored = await harness.db.db
        .selectFrom("data_values")
        .select("note")
        .where("cycle_id", "=", cycle2025)
        .where("element_code", "=", "PRIMARY_ENROLLED")
        .where("region_code", "=", "HC")
        .executeTakeFirstOrThrow();
      expect(stored.note).toBe(expected);
    });

    it("in a code (path, query, multipart field) is a clear 4xx, never a 500", async () => {
      const encoded = encodeURIComponent(text);
      expectClear4xx(
        await clerk.put(`${YEAR}/values/${encoded}/HC`, { value: 1, version: 0 }),
        [404],
      );
      expectClear4xx(
        await clerk.put(`${YEAR}/values/PRIMARY_ENROLLED/${encoded}`, { value: 1, version: 0 }),
        [404],
      );
      expectClear4xx(
        await clerk.put(`${YEAR}/work/${encoded}`, { awarded: {}, version: 0 }),
        [404],
      );
      expectClear4xx(await office.get(`${YEAR}/items?department=${encoded}`), [404]);
      expectClear4xx(await office.get(`${YEAR}/evidence/${encoded}`), [422]);
      expectClear4xx(
        await office.request({
          method: "PATCH",
          url: YEAR,
          payload: { departmentsDue: text, provinceDue: text },
        }),
        [422],
      );
    });

    it("as a sign-in's username: 401, and the audit row keeps storable text", async () => {
      const response = await harness.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: `ghost${text}`, password: "Wrong-Pass-2025!" },
      });
      expect(response.statusCode, response.body).toBe(401);
      for (const row of await auditRows()) {
        for (const field of [row.actor, row.object_id, row.before ?? "", row.after ?? ""]) {
          expect(isWellFormed(field)).toBe(true);
          expect(field).not.toContain("\u0000");
        }
      }
    });
  });

  const upload = (targetCode: string, fileName = "材料.pdf") =>
    clerk.request({
      method: "POST",
      url: `${YEAR}/evidence`,
      headers: { "content-type": "multipart/form-data; boundary=B" },
      payload: Buffer.concat([
        Buffer.from(
          '--B\r\nContent-Disposition: form-data; name="targetKind"\r\n\r\nindicator\r\n' +
            `--B\r\nContent-Disposition: form-data; name="targetCode"\r\n\r\n${targetCode}\r\n` +
            `--B\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(fileName)}\r\n\r\n`,
        ),
        Buffer.from("%PDF-1.4\n%%EOF\n"),
        Buffer.from("\r\n--B--\r\n"),
      ]),
    });

  it("in a multipart field: NUL is a 422 naming the field; other hostile codes a 404", async () => {
    await expectRefused(() => upload("EDU01\u0000"), "targetCode");
    for (const { text } of NASTY) expectClear4xx(await upload(`EDU01${text}`), [404]);
  });

  it("in an evidence file's name: stored without controls or bidi overrides", async () => {
    const response = await upload("EDU01", "报告\u202Efdp.exe\u0000\u0085.pdf");
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().originalName).toBe("报告fdp.exe.pdf");
  });

  it("keeps fine text exactly: line breaks, tabs, emoji, combining marks, full-width forms", async () => {
    const response = await putNote(JSON.stringify(FINE).slice(1, -1));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().note).toBe(FINE);
  });

  it("turns Windows line breaks into \\n", async () => {
    const response = await putNote("a\\r\\nb\\rc");
    expect(response.json().note).toBe("a\nb\nc");
  });

  it("answers a URL that does not decode with 400 in the API's error shape", async () => {
    for (const url of [`${YEAR}/values/%ED%A0%80/HC`, `${YEAR}/work/%E0%A4%A`, "/api/cycles/%FF"]) {
      const response = await office.get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: "bad_request",
        message: "请求地址格式不正确（含有无法解码的字符）",
      });
    }
  });

  it("leaves an audit chain that verifies after all of the above", async () => {
    const verdict = (await office.get("/api/audit/verify")).json();
    expect(verdict).toMatchObject({ intact: true, failureCount: 0 });
    expect(verdict.rows).toBeGreaterThan(40);
  });
});
