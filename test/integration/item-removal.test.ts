import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DepartmentItems } from "../../src/contract/api";
import { sha256Hex } from "../../src/server/ids";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

const YEAR = "/api/cycles/2025";
const VALUE = `${YEAR}/values`;
const EVIDENCE = `${YEAR}/evidence`;

/** A small PDF, different each time unless `body` is given. */
const pdf = (body = randomBytes(8).toString("hex")) =>
  Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${body}) >>\nendobj\n%%EOF\n`);
/** The PNG signature and a header chunk: enough for the type to be read from the bytes. */
const png = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from("0000000d49484452000000010000000108060000001f15c489", "hex"),
    randomBytes(8),
  ]);
/** A TIFF: a picture, accepted as evidence, but not one a browser shows by itself. */
const tiff = () => Buffer.concat([Buffer.from("II*\0", "latin1"), randomBytes(16)]);

function form(targetKind: string, targetCode: string, name: string, content: Buffer) {
  const boundary = `----kaoping-${randomBytes(8).toString("hex")}`;
  const field = (key: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(field("targetKind", targetKind) + field("targetCode", targetCode)),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          "Content-Type: application/octet-stream\r\n\r\n",
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(DIALECTS)("clearing figures and removing evidence on %s", (dialect) => {
  let harness: Harness;
  let office: Client;
  let clerk: Client;
  let cycleId: string;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    office = await harness.as("office");
    clerk = await harness.as("edu-clerk");
    cycleId = (await harness.deps.repos.cycles.byYear(2025))!.id;
  });
  afterAll(() => harness.close());

  const setStatus = (status: "open" | "closed") =>
    harness.db.db.updateTable("cycles").set({ status }).where("id", "=", cycleId).execute();
  const clear = (client: Client, element: string, region: string, version: number | string) =>
    client.request({ method: "DELETE", url: `${VALUE}/${element}/${region}?version=${version}` });
  const exportedValue = async (element: string, region: string) =>
    (
      (await office.get(`${YEAR}/export`)).json() as {
        values: Record<string, Record<string, number>>;
      }
    ).values[element]?.[region];
  const auditRows = (action: string) =>
    harness.db.db
      .selectFrom("audit_log")
      .select(["actor", "object_id", "before", "after"])
      .where("action", "=", action)
      .orderBy("seq")
      .execute();

  describe("clearing a figure", () => {
    it("clears it with the version last seen: gone from the export, in the history and the audit", async () => {
      expect(await exportedValue("PRIMARY_ENROLLED", "HC")).toBe(132_431);
      const response = await clear(clerk, "PRIMARY_ENROLLED", "HC", 1);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        element: "PRIMARY_ENROLLED",
        region: "HC",
        cleared: true,
        version: 0,
      });
      expect(await exportedValue("PRIMARY_ENROLLED", "HC")).toBeUndefined();
      const items = (await clerk.get(`${YEAR}/items`)).json() as DepartmentItems;
      const element = items.indicators
        .flatMap((indicator) => indicator.elements)
        .find((candidate) => candidate.code === "PRIMARY_ENROLLED")!;
      expect(element.values.HC).toBeUndefined();
      // The indicator reads a missing figure now: the score says so.
      const score = (await office.get(`${YEAR}/score`)).json();
      expect(
        score.indicators.find((row: { code: string }) => row.code === "EDU01").regions.HC,
      ).toBe(undefined);

      const history = await harness.deps.repos.values.history(cycleId, "PRIMARY_ENROLLED", "HC");
      expect(
        history.map((row) => [row.value === null ? null : Number(row.value), Number(row.version)]),
      ).toEqual([[null, 2]]);
      expect(history[0]!.changed_by).toBe("edu-clerk");
      const [audit] = await auditRows("value.clear");
      expect(audit).toMatchObject({ actor: "edu-clerk", object_id: "2025/PRIMARY_ENROLLED/HC" });
      expect(JSON.parse(audit!.before!)).toEqual({ value: 132_431, note: null, version: 1 });
      expect(JSON.parse(audit!.after!)).toEqual({ value: null, version: 2 });
    });

    it("refuses a stale version with 409 carrying the stored figure, as a save does", async () => {
      const saved = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HY`, { value: 85_800, version: 1 });
      expect(saved.json().version).toBe(2);
      const stale = await clear(office, "PRIMARY_ENROLLED", "HY", 1);
      expect(stale.statusCode).toBe(409);
      const staleSave = await office.put(`${VALUE}/PRIMARY_ENROLLED/HY`, { value: 1, version: 1 });
      expect(staleSave.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ error: "conflict", current: staleSave.json().current });
      expect(stale.json().current).toMatchObject({
        element: "PRIMARY_ENROLLED",
        region: "HY",
        value: 85_800,
        version: 2,
        updatedBy: "edu-clerk",
      });
      expect(await exportedValue("PRIMARY_ENROLLED", "HY")).toBe(85_800);
      // The figure cleared meanwhile: a 409 with nothing stored, version 0.
      expect((await clear(clerk, "PRIMARY_ENROLLED", "HY", 2)).statusCode).toBe(200);
      const gone = await clear(office, "PRIMARY_ENROLLED", "HY", 2);
      expect(gone.statusCode).toBe(409);
      expect(gone.json().current).toEqual({
        element: "PRIMARY_ENROLLED",
        region: "HY",
        value: null,
        version: 0,
      });
    });

    it("enters a cleared figure again from its last version, so an old version never matches", async () => {
      // HC was cleared at version 1 (history version 2): entered again it is version 3.
      const again = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HC`, { value: 132_500, version: 0 });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().version).toBe(3);
      // A client still holding version 1 from before the clear is refused, not matched.
      const stale = await office.put(`${VALUE}/PRIMARY_ENROLLED/HC`, { value: 1, version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({ value: 132_500, version: 3 });
      const next = await clerk.put(`${VALUE}/PRIMARY_ENROLLED/HC`, { value: 132_510, version: 3 });
      expect(next.json().version).toBe(4);
      const history = await harness.deps.repos.values.history(cycleId, "PRIMARY_ENROLLED", "HC");
      expect(history.map((row) => Number(row.version))).toEqual([2, 3, 4]);
    });

    it("is serialized with saves: a clear and a save of the same version, one wins", async () => {
      for (const region of ["BL", "HD", "DYW"]) {
        const version = (
          await clerk.put(`${VALUE}/PRIMARY_ENROLLED/${region}`, {
            value: 50_000,
            version: 1,
          })
        ).json().version as number;
        const [cleared, saved] = await Promise.all([
          clear(office, "PRIMARY_ENROLLED", region, version),
          clerk.put(`${VALUE}/PRIMARY_ENROLLED/${region}`, { value: 50_001, version }),
        ]);
        expect([cleared.statusCode, saved.statusCode].sort(), region).toEqual([200, 409]);
        const stored = await exportedValue("PRIMARY_ENROLLED", region);
        expect(stored, region).toBe(cleared.statusCode === 200 ? undefined : 50_001);
      }
    });

    it("authorizes like a save and answers 404 for what is not there", async () => {
      const value = async () => exportedValue("HOSPITAL_BEDS", "HC");
      const before = await value();
      for (const username of ["edu-clerk", "leader", "auditor"]) {
        const refused = await clear(await harness.as(username), "HOSPITAL_BEDS", "HC", 1);
        expect(refused.statusCode, username).toBe(403);
      }
      expect(await value()).toBe(before);
      expect((await clear(clerk, "NOPE", "HC", 1)).statusCode).toBe(404);
      expect((await clear(clerk, "PRIMARY_ENROLLED", "XX", 1)).statusCode).toBe(404);
      expect(
        (await clerk.request({ method: "DELETE", url: "/api/cycles/2031/values/POP/HC?version=1" }))
          .statusCode,
      ).toBe(404);
      // Never entered (GP_DOCTORS is not in the demo data): nothing to clear.
      const nothing = await clear(office, "GP_DOCTORS", "HC", 0);
      expect(nothing.statusCode).toBe(404);
      expect(nothing.json().error).toBe("not_found");
      for (const version of ["", "-1", "1.5", "x"]) {
        expect((await clear(clerk, "PRIMARY_ENROLLED", "LM", version)).statusCode, version).toBe(
          422,
        );
      }
      const noVersion = await clerk.request({
        method: "DELETE",
        url: `${VALUE}/PRIMARY_ENROLLED/LM`,
      });
      expect(noVersion.statusCode).toBe(422);
      expect(noVersion.json().message).toContain("version");
    });

    it("refuses to clear in a closed year with 423, and changes nothing", async () => {
      await setStatus("closed");
      try {
        const locked = await clear(clerk, "PRIMARY_ENROLLED", "LM", 1);
        expect(locked.statusCode).toBe(423);
        expect(locked.json().message).toContain("已关闭");
      } finally {
        await setStatus("open");
      }
      expect(await exportedValue("PRIMARY_ENROLLED", "LM")).toBe(28_322);
      // The seeded 2024 year is closed.
      const past = await office.request({
        method: "DELETE",
        url: "/api/cycles/2024/values/PRIMARY_ENROLLED/LM?version=1",
      });
      expect(past.statusCode).toBe(423);
    });
  });

  describe("removing evidence", () => {
    const upload = async (client: Client, content: Buffer, name = "辅证.pdf", code = "EDU01") => {
      const response = await client.request({
        method: "POST",
        url: EVIDENCE,
        ...form("indicator", code, name, content),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string; sha256: string };
    };
    const remove = (client: Client, id: string, year = 2025) =>
      client.request({ method: "DELETE", url: `/api/cycles/${year}/evidence/${id}` });
    const listed = async () => {
      const items = (await office.get(`${YEAR}/items`)).json() as DepartmentItems;
      return items.indicators.flatMap((indicator) => indicator.evidence.map((file) => file.id));
    };

    it("lets the uploader remove it: 204, gone from the lists and the store, audited", async () => {
      const file = await upload(clerk, pdf());
      expect(await listed()).toContain(file.id);
      expect(await harness.deps.evidence.has(file.sha256)).toBe(true);
      const response = await remove(clerk, file.id);
      expect(response.statusCode, response.body).toBe(204);
      expect(response.body).toBe("");
      expect(await listed()).not.toContain(file.id);
      expect((await clerk.get(`${EVIDENCE}/${file.id}`)).statusCode).toBe(404);
      expect(await harness.deps.evidence.has(file.sha256)).toBe(false);
      const audit = (await auditRows("evidence.remove")).find((row) => row.object_id === file.id);
      expect(audit?.actor).toBe("edu-clerk");
      expect(JSON.parse(audit!.before!)).toMatchObject({
        target: { kind: "indicator", code: "EDU01", department: "EDU" },
        name: "辅证.pdf",
        sha256: file.sha256,
        uploadedBy: "edu-clerk",
      });
      expect((await remove(clerk, file.id)).statusCode).toBe(404);
    });

    it("keeps the stored bytes while another record uses them", async () => {
      const content = pdf("shared");
      const mine = await upload(clerk, content);
      const theirs = await upload(office, content, "同一文件.pdf");
      expect(theirs.sha256).toBe(mine.sha256);
      expect((await remove(clerk, mine.id)).statusCode).toBe(204);
      expect(await harness.deps.evidence.has(mine.sha256)).toBe(true);
      const download = await office.get(`${EVIDENCE}/${theirs.id}`);
      expect(download.statusCode).toBe(200);
      expect(sha256Hex(download.rawPayload)).toBe(mine.sha256);
      expect((await remove(office, theirs.id)).statusCode).toBe(204);
      expect(await harness.deps.evidence.has(mine.sha256)).toBe(false);
    });

    it("refuses everyone but the uploader, the office and a colleague included", async () => {
      const file = await upload(clerk, pdf());
      for (const username of ["office", "admin", "leader", "auditor", "edu-head", "health-clerk"]) {
        const refused = await remove(await harness.as(username), file.id);
        expect(refused.statusCode, username).toBe(403);
        expect(refused.json().error).toBe("forbidden");
      }
      expect(await listed()).toContain(file.id);
      // The office removes what the office uploaded.
      const own = await upload(office, pdf());
      expect((await remove(office, own.id)).statusCode).toBe(204);
    });

    it("answers 404 for an unknown file or another year's, 422 for a malformed id", async () => {
      const file = await upload(clerk, pdf());
      expect((await remove(clerk, "00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
      expect((await remove(clerk, file.id, 2024)).statusCode).toBe(404);
      expect((await remove(clerk, file.id, 2031)).statusCode).toBe(404);
      expect((await remove(clerk, "not-an-id")).statusCode).toBe(422);
      expect(await listed()).toContain(file.id);
    });

    it("refuses removal in a closed year with 423, like uploads", async () => {
      const file = await upload(clerk, pdf());
      await setStatus("closed");
      try {
        const locked = await remove(clerk, file.id);
        expect(locked.statusCode).toBe(423);
      } finally {
        await setStatus("open");
      }
      expect(await listed()).toContain(file.id);
      expect(await harness.deps.evidence.has(file.sha256)).toBe(true);
    });

    it("never leaves an upload of the same bytes without its file, whatever the interleaving", async () => {
      const content = pdf("interleaved");
      const old = await upload(clerk, content);
      // The next upload stores the file, then waits before its transaction...
      const store = harness.deps.evidence;
      const put = store.put;
      let reached!: () => void;
      let release!: () => void;
      const atGate = new Promise<void>((resolve) => (reached = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      store.put = async (sha256, bytes) => {
        await put.call(store, sha256, bytes);
        store.put = put;
        reached();
        await gate;
      };
      try {
        const pending = upload(clerk, content, "再次上传.pdf");
        await atGate;
        // ...while the only record of those bytes is removed, and the file with it.
        expect((await remove(clerk, old.id)).statusCode).toBe(204);
        expect(await store.has(old.sha256)).toBe(false);
        release();
        const again = await pending;
        const download = await clerk.get(`${EVIDENCE}/${again.id}`);
        expect(download.statusCode, download.body).toBe(200);
        expect(download.rawPayload.equals(content)).toBe(true);
      } finally {
        store.put = put;
        release();
      }
    });
  });

  describe("evidence shown in the page", () => {
    const upload = async (name: string, content: Buffer) => {
      const response = await clerk.request({
        method: "POST",
        url: EVIDENCE,
        ...form("indicator", "EDU01", name, content),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string; mimeType: string };
    };
    const PREVIEW =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

    it("serves PDFs and pictures inline with inline=1, framed by this origin only", async () => {
      for (const [name, content, type] of [
        ["年报.pdf", pdf(), "application/pdf"],
        ["照片.png", png(), "image/png"],
      ] as const) {
        const file = await upload(name, content);
        expect(file.mimeType).toBe(type);
        const response = await clerk.get(`${EVIDENCE}/${file.id}?inline=1`);
        expect(response.statusCode).toBe(200);
        expect(response.headers["content-type"]).toBe(type);
        expect(response.headers["content-disposition"]).toMatch(/^inline; filename="/);
        expect(response.headers["content-disposition"]).toContain(
          `filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        expect(response.headers["content-security-policy"]).toBe(PREVIEW);
        expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
        expect(response.headers["x-content-type-options"]).toBe("nosniff");
        expect(response.rawPayload.equals(content)).toBe(true);

        // Without inline=1 (or with 0) the same file is an attachment, strictly fenced.
        for (const query of ["", "?inline=0"]) {
          const download = await clerk.get(`${EVIDENCE}/${file.id}${query}`);
          expect(download.headers["content-disposition"]).toMatch(/^attachment; /);
          expect(download.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
          expect(download.headers["x-frame-options"]).toBe("DENY");
        }
      }
    });

    it("keeps every other type an attachment with the strict headers, inline=1 or not", async () => {
      const file = await upload("扫描件.tif", tiff());
      expect(file.mimeType).toBe("image/tiff");
      const response = await clerk.get(`${EVIDENCE}/${file.id}?inline=1`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-disposition"]).toMatch(/^attachment; /);
      expect(response.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    });

    it("refuses an inline value it does not know, and another department's file", async () => {
      const file = await upload("年报.pdf", pdf());
      expect((await clerk.get(`${EVIDENCE}/${file.id}?inline=yes`)).statusCode).toBe(422);
      const other = await (await harness.as("health-clerk")).get(`${EVIDENCE}/${file.id}?inline=1`);
      expect(other.statusCode).toBe(403);
    });
  });

  it("keeps the audit chain intact after clearing and removing", async () => {
    const verdict = (await (await harness.as("auditor")).get("/api/audit/verify")).json();
    expect(verdict.intact).toBe(true);
  });
});
