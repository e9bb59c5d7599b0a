import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../support/server-harness";
import { startTwinApps, type TwinApps } from "../support/twin-apps";
import { departmentUrl, readyToSubmit, YEAR } from "../support/workflow-helpers";

/**
 * Two servers on one PostgreSQL database: whatever one of them does to the workflow
 * (submit, return, an exception granted or revoked, aggregate) the other enforces on
 * its very next write — no cache of either may let a write through. And a save racing
 * a submission is either in the certified snapshot or refused.
 */

const FIGURE = { element: "PRIMARY_ENROLLED", region: "HC" };
const FIGURE_URL = `${YEAR}/values/${FIGURE.element}/${FIGURE.region}`;
const HEALTH_FIGURE_URL = `${YEAR}/values/HOSPITAL_BEDS/HC`;

describe.skipIf(process.env.KAOPING_TEST_SKIP_POSTGRES === "1")(
  "the workflow across two server processes on PostgreSQL",
  () => {
    let twins: TwinApps;
    /** Clients of app A and of app B, by account. */
    const onA = new Map<string, Client>();
    const onB = new Map<string, Client>();
    const A = (username: string) => onA.get(username)!;
    const B = (username: string) => onB.get(username)!;

    async function signInAll() {
      for (const username of ["office", "edu-clerk", "edu-head", "health-clerk"]) {
        onA.set(username, await twins.a.as(username));
        onB.set(username, await twins.b.as(username));
      }
    }

    /** The stored figure's value and version, read on B. */
    async function figure(
      client: Client,
      url: string,
    ): Promise<{ value: number; version: number }> {
      const [, , , , , element, region] = url.split("/");
      const items = (await client.get(`${YEAR}/items`)).json() as {
        indicators: {
          elements: { code: string; values: Record<string, { value: number; version: number }> }[];
        }[];
      };
      for (const indicator of items.indicators) {
        for (const candidate of indicator.elements) {
          if (candidate.code === element && candidate.values[region!])
            return candidate.values[region!]!;
        }
      }
      throw new Error(`no figure at ${url}`);
    }

    /** A save on B of the figure as it stands plus `delta` (small: no new warning). */
    async function saveOnB(
      username: string,
      url: string,
      delta = 1,
    ): Promise<LightMyRequestResponse> {
      const current = await figure(B(username), url);
      return B(username).put(url, { value: current.value + delta, version: current.version });
    }

    const expectLock = (response: LightMyRequestResponse, kind: string) => {
      expect(response.statusCode, response.body).toBe(423);
      expect(response.json().lock).toMatchObject({ kind });
    };

    beforeAll(async () => {
      twins = await startTwinApps();
      await signInAll();
      // Both apps have read (and pinned) the year before anything happens.
      for (const client of [A("office"), B("office")]) {
        expect((await client.get(`${YEAR}/departments`)).statusCode).toBe(200);
      }
    });
    afterAll(() => twins?.close());

    it("a submission through A locks B's very next write; a return through A frees it", async () => {
      expect((await saveOnB("edu-clerk", FIGURE_URL)).statusCode).toBe(200);
      const body = await readyToSubmit(A("edu-clerk"), "EDU");
      const submitted = await A("edu-head").post(`${departmentUrl("EDU")}/submit`, body);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expectLock(await saveOnB("edu-clerk", FIGURE_URL), "submitted");
      expectLock(await saveOnB("office", FIGURE_URL), "submitted");
      expect((await B("office").get(`${departmentUrl("EDU")}/submission`)).json().state).toBe(
        "submitted",
      );

      const returned = await A("office").post(`${departmentUrl("EDU")}/return`, {
        reasons: [
          { item: { kind: "dataElement", code: FIGURE.element }, reason: "请核对惠城区数据" },
        ],
      });
      expect(returned.statusCode, returned.body).toBe(200);
      expect((await saveOnB("edu-clerk", FIGURE_URL)).statusCode).toBe(200);
    });

    it("an exception granted through A opens B at once; revoked through A, B closes at once", async () => {
      twins.clock.set("2026-03-11T02:00:00.000Z");
      await signInAll();
      expectLock(await saveOnB("health-clerk", HEALTH_FIGURE_URL), "deadline");
      const granted = await A("office").post(`${YEAR}/lock-exceptions`, {
        department: "HEALTH",
        until: "2026-03-13",
        reason: "系统故障延期",
      });
      expect(granted.statusCode, granted.body).toBe(200);
      expect((await saveOnB("health-clerk", HEALTH_FIGURE_URL)).statusCode).toBe(200);
      const revoked = await A("office").request({
        method: "DELETE",
        url: `${YEAR}/lock-exceptions/${(granted.json() as { id: string }).id}`,
      });
      expect(revoked.statusCode, revoked.body).toBe(204);
      expectLock(await saveOnB("health-clerk", HEALTH_FIGURE_URL), "deadline");
    });

    it("an aggregation through A locks B for everyone; a year reopen through A frees B", async () => {
      const aggregated = await A("office").post(`${YEAR}/aggregate`, {
        overrideReason: "先行汇总",
      });
      expect(aggregated.statusCode, aggregated.body).toBe(200);
      expectLock(await saveOnB("edu-clerk", FIGURE_URL), "aggregated");
      expectLock(await saveOnB("office", HEALTH_FIGURE_URL), "aggregated");
      const reopened = await A("office").post(`${YEAR}/reopen`, { reason: "更正数据" });
      expect(reopened.statusCode, reopened.body).toBe(204);
      expect((await saveOnB("edu-clerk", FIGURE_URL)).statusCode).toBe(200);
      expect((await saveOnB("office", HEALTH_FIGURE_URL)).statusCode).toBe(200);
    });

    it("saves on B racing a submission on A: each one saved is certified, none after it succeeds", async () => {
      const body = await readyToSubmit(A("edu-clerk"), "EDU");
      const clerk = B("edu-clerk");
      let { value, version } = await figure(clerk, FIGURE_URL);
      const saved: number[] = [];
      const refusedKinds: string[] = [];
      let submitDone = false;
      const afterSubmit: number[] = [];

      const saving = (async () => {
        // Sequential saves until well after the submission has answered.
        for (let i = 0; i < 400 && (!submitDone || afterSubmit.length < 5); i++) {
          const startedAfterSubmit = submitDone;
          const response = await clerk.put(FIGURE_URL, { value: value + 1, version });
          if (startedAfterSubmit) afterSubmit.push(response.statusCode);
          if (response.statusCode === 200) {
            value += 1;
            version = (response.json() as { version: number }).version;
            saved.push(value);
          } else {
            expect(response.statusCode, response.body).toBe(423);
            refusedKinds.push(response.json().lock.kind);
          }
        }
      })();
      // Let a few saves through first.
      while (saved.length < 3) await new Promise((resolve) => setTimeout(resolve, 2));
      const submitted = await A("edu-head").post(`${departmentUrl("EDU")}/submit`, body);
      submitDone = true;
      await saving;

      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(afterSubmit.length).toBeGreaterThanOrEqual(5);
      expect(afterSubmit.every((status) => status === 423)).toBe(true);
      expect(new Set(refusedKinds)).toEqual(new Set(["submitted"]));

      const certificate = (await B("office").get(`${departmentUrl("EDU")}/certificate`)).json();
      const snapshot = JSON.parse(certificate.snapshot) as {
        figures: { element: string; region: string; value: number }[];
      };
      const certified = snapshot.figures.find(
        (row) => row.element === FIGURE.element && row.region === FIGURE.region,
      );
      // Saves are sequential: the last one that got 200 holds every earlier one.
      expect(certified?.value).toBe(saved.at(-1));
      expect((await figure(clerk, FIGURE_URL)).value).toBe(saved.at(-1));
      expect(certificate.currentDigest).toBe(certificate.digest);
      expect(certificate.matches).toBe(true);
    });

    it("the audit chain both apps wrote stays intact", async () => {
      for (const client of [A("office"), B("office")]) {
        const verdict = (await client.get("/api/audit/verify")).json();
        expect(verdict.intact, JSON.stringify(verdict)).toBe(true);
      }
    });
  },
);
