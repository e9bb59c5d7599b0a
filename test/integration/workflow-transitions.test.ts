import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";
import {
  auditIntact,
  auditRows,
  departmentUrl,
  readyToSubmit,
  YEAR,
} from "../support/workflow-helpers";

/**
 * Who may take each step of the hand-in and of the year, and what everyone else gets:
 * every role × every action, each from a state the action may start from, so a refusal
 * can only be the role's. Then the refusals for the wrong state (409 naming it), a bad
 * body or standing checks (422 naming each), and a lock (423 with its kind). Every step
 * taken writes its audit row and the chain stays intact.
 */

/** GOV has no figures and no evidence to file, so its checks pass as seeded. */
const DEPARTMENT = "GOV";
const DECLARATION_PREFIX = "本单位（市政府办公室）郑重承诺";
const WHO = ["admin", "office", "leader", "auditor", "gov-head", "gov-clerk", "edu-head"] as const;
type Who = (typeof WHO)[number];

type Precondition = () => Promise<void>;

interface ActionCase {
  action: string;
  /** The one account that may take this step. */
  allowed: Who;
  status: number;
  auditAction: string;
  prepare: Precondition;
  send(client: Client): Promise<LightMyRequestResponse>;
  /** What the step changes, read before and after. */
  observe(): Promise<unknown>;
}

describe.each(DIALECTS)("workflow transitions on %s", (dialect) => {
  let harness: Harness;
  const clients = new Map<Who, Client>();
  const as = (who: Who) => clients.get(who)!;
  let declaration = "";

  const submission = async (department = DEPARTMENT) =>
    (await as("office").get(`${departmentUrl(department)}/submission`)).json() as {
      state: string;
      version: number;
      returns: number;
    };
  const stateOf = async () => (await submission()).state;
  const yearStatus = async () =>
    ((await as("office").get(YEAR)).json() as { status: string }).status;
  const exceptions = async () =>
    (
      (await as("office").get(`${YEAR}/lock-exceptions`)).json() as {
        exceptions: { id: string; revokedAt: string | null }[];
      }
    ).exceptions;

  const ok = (response: LightMyRequestResponse, status = 200) =>
    expect(response.statusCode, response.body).toBe(status);

  const yearOpen: Precondition = async () => {
    if ((await yearStatus()) === "aggregated") {
      ok(await as("office").post(`${YEAR}/reopen`, { reason: "继续审核" }), 204);
    }
  };
  const submittable: Precondition = async () => {
    await yearOpen();
    const state = await stateOf();
    if (state === "submitted") {
      ok(await as("office").post(`${departmentUrl(DEPARTMENT)}/return`, RETURN_BODY));
    }
    if (state === "accepted") {
      ok(await as("office").post(`${departmentUrl(DEPARTMENT)}/reopen`, { reason: "补充材料" }));
    }
  };
  const submitted: Precondition = async () => {
    await submittable();
    ok(await as("gov-head").post(`${departmentUrl(DEPARTMENT)}/submit`, { declaration }));
  };
  const accepted: Precondition = async () => {
    await yearOpen();
    if ((await stateOf()) === "accepted") return;
    await submitted();
    ok(await as("office").post(`${departmentUrl(DEPARTMENT)}/accept`));
  };
  const aggregated: Precondition = async () => {
    if ((await yearStatus()) === "aggregated") return;
    ok(
      await as("office").post(`${YEAR}/aggregate`, { overrideReason: "部分单位未接收，先行汇总" }),
    );
  };
  let exceptionId = "";
  const exceptionGranted: Precondition = async () => {
    await yearOpen();
    const granted = await as("office").post(`${YEAR}/lock-exceptions`, {
      department: DEPARTMENT,
      until: "2026-03-12",
      reason: "系统故障延期",
    });
    ok(granted);
    exceptionId = (granted.json() as { id: string }).id;
  };

  const RETURN_BODY = {
    reasons: [{ item: { kind: "workItem", code: "W01" }, reason: "领导小组文件缺少印发日期" }],
  };

  const CASES: ActionCase[] = [
    {
      action: "submit",
      allowed: "gov-head",
      status: 200,
      auditAction: "submission.submit",
      prepare: submittable,
      send: (client) => client.post(`${departmentUrl(DEPARTMENT)}/submit`, { declaration }),
      observe: submission,
    },
    {
      action: "return",
      allowed: "office",
      status: 200,
      auditAction: "submission.return",
      prepare: submitted,
      send: (client) => client.post(`${departmentUrl(DEPARTMENT)}/return`, RETURN_BODY),
      observe: submission,
    },
    {
      action: "accept",
      allowed: "office",
      status: 200,
      auditAction: "submission.accept",
      prepare: submitted,
      send: (client) => client.post(`${departmentUrl(DEPARTMENT)}/accept`),
      observe: submission,
    },
    {
      action: "reopen",
      allowed: "office",
      status: 200,
      auditAction: "submission.reopen",
      prepare: accepted,
      send: (client) =>
        client.post(`${departmentUrl(DEPARTMENT)}/reopen`, { reason: "发现数据口径不一致" }),
      observe: submission,
    },
    {
      action: "aggregate",
      allowed: "office",
      status: 200,
      auditAction: "cycle.aggregate",
      prepare: yearOpen,
      send: (client) => client.post(`${YEAR}/aggregate`, { overrideReason: "先行汇总上报" }),
      observe: yearStatus,
    },
    {
      action: "year reopen",
      allowed: "office",
      status: 204,
      auditAction: "cycle.reopen",
      prepare: aggregated,
      send: (client) => client.post(`${YEAR}/reopen`, { reason: "更正数据" }),
      observe: yearStatus,
    },
    {
      action: "grant exception",
      allowed: "office",
      status: 200,
      auditAction: "lock.exception.grant",
      prepare: yearOpen,
      send: (client) =>
        client.post(`${YEAR}/lock-exceptions`, {
          department: DEPARTMENT,
          until: "2026-03-13",
          reason: "补报材料",
        }),
      observe: exceptions,
    },
    {
      action: "revoke exception",
      allowed: "office",
      status: 204,
      auditAction: "lock.exception.revoke",
      prepare: exceptionGranted,
      send: (client) =>
        client.request({ method: "DELETE", url: `${YEAR}/lock-exceptions/${exceptionId}` }),
      observe: exceptions,
    },
  ];

  const MATRIX = CASES.flatMap((testCase) =>
    WHO.map((who) => ({
      ...testCase,
      who,
      expected: who === testCase.allowed ? testCase.status : 403,
    })),
  );

  beforeAll(async () => {
    harness = await startHarness(dialect);
    for (const who of WHO) clients.set(who, await harness.as(who));
    declaration = (await readyToSubmit(as("gov-clerk"), DEPARTMENT)).declaration;
    expect(declaration.startsWith(DECLARATION_PREFIX)).toBe(true);
  });
  afterAll(() => harness.close());

  it.each(MATRIX)("$action as $who → $expected", async (row) => {
    await row.prepare();
    const before = await row.observe();
    const audited = (await auditRows(as("office"), row.auditAction)).length;
    const response = await row.send(as(row.who));
    expect(response.statusCode, response.body).toBe(row.expected);
    const rows = await auditRows(as("office"), row.auditAction);
    if (row.expected === 403) {
      expect(response.json().error).toBe("forbidden");
      expect(await row.observe(), "a refused step changed something").toEqual(before);
      expect(rows).toHaveLength(audited);
    } else {
      expect(await row.observe(), "an allowed step changed nothing").not.toEqual(before);
      expect(rows).toHaveLength(audited + 1);
      expect(rows[0]!.actor).toBe(row.who);
    }
  });

  it("moves the state the way the table says and records who and what", async () => {
    await submittable();
    const detail = (
      await as("gov-head").post(`${departmentUrl(DEPARTMENT)}/submit`, { declaration })
    ).json() as { state: string; history: { kind: string; actor: { username: string } }[] };
    expect(detail.state).toBe("submitted");
    expect(detail.history.at(-1)).toMatchObject({
      kind: "submit",
      actor: { username: "gov-head" },
    });
    const [row] = await auditRows(as("office"), "submission.submit");
    expect(row).toMatchObject({
      actor: "gov-head",
      objectId: `2025/${DEPARTMENT}`,
      after: { state: "submitted" },
    });
    expect((row!.after as { digest: string }).digest).toMatch(/^[0-9a-f]{64}$/);
    const returned = await as("office").post(`${departmentUrl(DEPARTMENT)}/return`, RETURN_BODY);
    ok(returned);
    expect(returned.json()).toMatchObject({
      state: "returned",
      openReasons: [expect.objectContaining({ reason: "领导小组文件缺少印发日期" })],
    });
  });

  describe("a step the state does not allow: 409 naming the state", () => {
    const STATE_ZH: Record<string, string> = {
      draft: "尚未报送",
      submitted: "已报送、等待审核",
      returned: "已退回修改",
      accepted: "已接收",
    };
    const CONFLICTS: [action: string, state: string, prepare: () => Precondition][] = [
      ["submit", "submitted", () => submitted],
      ["submit", "accepted", () => accepted],
      ["return", "returned", () => submittableReturned],
      ["return", "accepted", () => accepted],
      ["accept", "returned", () => submittableReturned],
      ["accept", "accepted", () => accepted],
      ["reopen", "submitted", () => submitted],
      ["reopen", "returned", () => submittableReturned],
    ];
    const submittableReturned: Precondition = async () => {
      await submittable();
      if ((await stateOf()) === "draft") await submitted();
      await submittable();
      expect(await stateOf()).toBe("returned");
    };
    const send = (action: string, lang: "zh" | "en") => {
      const who = action === "submit" ? "gov-head" : "office";
      const payload =
        action === "submit"
          ? { declaration }
          : action === "return"
            ? RETURN_BODY
            : action === "reopen"
              ? { reason: "再看一遍" }
              : undefined;
      return as(who).request({
        method: "POST",
        url: `${departmentUrl(DEPARTMENT)}/${action}`,
        ...(payload ? { payload } : {}),
        headers: { "accept-language": lang },
      });
    };

    it.each(CONFLICTS)("%s from %s", async (action, state, prepare) => {
      await prepare()();
      expect(await stateOf()).toBe(state);
      const before = await submission();
      const zh = await send(action, "zh");
      expect(zh.statusCode, zh.body).toBe(409);
      expect(zh.json().message).toContain(STATE_ZH[state]);
      expect(zh.json().message).toContain("市政府办公室");
      const en = await send(action, "en");
      expect(en.statusCode).toBe(409);
      expect(en.json().message).toContain(`are ${state}`);
      expect(await submission()).toEqual(before);
    });

    it.each(["return", "accept", "reopen"])(
      "%s a department that never submitted",
      async (action) => {
        const response = await as("office").post(
          `${departmentUrl("BIANBAN")}/${action}`,
          action === "return"
            ? { reasons: [{ item: { kind: "workItem", code: "W14" }, reason: "编制文件缺失" }] }
            : action === "reopen"
              ? { reason: "x" }
              : undefined,
        );
        expect(response.statusCode, response.body).toBe(409);
        expect(response.json().message).toContain(STATE_ZH.draft);
        expect((await submission("BIANBAN")).state).toBe("draft");
      },
    );

    it("aggregating without every department accepted names the rest (409)", async () => {
      await yearOpen();
      const response = await as("office").post(`${YEAR}/aggregate`, {});
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().message).toContain("市编办");
      expect(await yearStatus()).toBe("open");
    });

    it("reopening a year that is not aggregated (409)", async () => {
      await yearOpen();
      const response = await as("office").post(`${YEAR}/reopen`, { reason: "无" });
      expect(response.statusCode, response.body).toBe(409);
    });
  });

  describe("a bad body or standing checks: 422", () => {
    it.each<[string, Who, string, unknown, string]>([
      ["a changed declaration", "gov-head", "submit", { declaration: "我承诺" }, "declaration"],
      ["a return without reasons", "office", "return", { reasons: [] }, "reasons"],
      [
        "a reason on another department's item",
        "office",
        "return",
        { reasons: [{ item: { kind: "workItem", code: "W05" }, reason: "不对" }] },
        "reasons.0.item",
      ],
      ["a reopen without a reason", "office", "reopen", {}, "reason"],
      ["a reopen with a blank reason", "office", "reopen", { reason: "   " }, "reason"],
    ])("%s", async (_name, who, action, body, field) => {
      if (action === "submit") await submittable();
      else if (action === "return") await submitted();
      else await accepted();
      const before = await submission();
      const response = await as(who).post(`${departmentUrl(DEPARTMENT)}/${action}`, body);
      expect(response.statusCode, response.body).toBe(422);
      expect(JSON.stringify(response.json())).toContain(field);
      expect(await submission()).toEqual(before);
    });

    it.each<[string, unknown, string]>([
      ["a day already past", { department: DEPARTMENT, until: "2026-02-28", reason: "x" }, "until"],
      [
        "a day after the province's deadline",
        { department: DEPARTMENT, until: "2026-03-26", reason: "x" },
        "until",
      ],
      [
        "a day that does not exist",
        { department: DEPARTMENT, until: "2026-02-30", reason: "x" },
        "until",
      ],
      ["no reason", { department: DEPARTMENT, until: "2026-03-12", reason: " " }, "reason"],
    ])("an exception for %s", async (_name, body, field) => {
      await yearOpen();
      const before = await exceptions();
      const response = await as("office").post(`${YEAR}/lock-exceptions`, body);
      expect(response.statusCode, response.body).toBe(422);
      expect(JSON.stringify(response.json())).toContain(field);
      expect(await exceptions()).toEqual(before);
    });

    it("names every check that stands in the way, and lets justified warnings through", async () => {
      const edu = `${departmentUrl("EDU")}`;
      const checks = (await as("office").get(`${edu}/checks`)).json() as {
        checks: { id: string; severity: string }[];
        declaration: string;
      };
      expect(checks.checks.some((check) => check.severity === "error")).toBe(true);
      const refused = await as("edu-head").post(`${edu}/submit`, {
        declaration: checks.declaration,
      });
      expect(refused.statusCode, refused.body).toBe(422);
      const fields = (refused.json() as { issues: { field: string }[] }).issues.map((i) => i.field);
      expect(fields.sort()).toEqual(checks.checks.map((check) => `checks.${check.id}`).sort());

      const ready = await readyToSubmit(await harness.as("edu-clerk"), "EDU");
      expect(ready.justifications.length).toBeGreaterThan(0);
      const unjustified = await as("edu-head").post(`${edu}/submit`, {
        declaration: ready.declaration,
        justifications: ready.justifications.slice(1),
      });
      expect(unjustified.statusCode, unjustified.body).toBe(422);
      expect(
        (unjustified.json() as { issues: { field: string }[] }).issues.map((i) => i.field),
      ).toEqual([`checks.${ready.justifications[0]!.check}`]);
      expect((await submission("EDU")).state).toBe("draft");

      const accepted = await as("edu-head").post(`${edu}/submit`, ready);
      expect(accepted.statusCode, accepted.body).toBe(200);
      const [row] = await auditRows(as("office"), "submission.submit");
      expect(row!.objectId).toBe("2025/EDU");
      expect((row!.after as { justifications: unknown[] }).justifications).toHaveLength(
        ready.justifications.length,
      );
    });
  });

  describe("a lock: 423 with its kind", () => {
    it("a closed year refuses a submission", async () => {
      const checks = (await as("gov-head").get(`/api/cycles/2024/departments/GOV/checks`)).json();
      const response = await as("gov-head").post(`/api/cycles/2024/departments/GOV/submit`, {
        declaration: checks.declaration,
      });
      expect(response.statusCode, response.body).toBe(423);
      expect(response.json().lock).toMatchObject({ kind: "closed" });
    });

    it.each<[string, string, unknown]>([
      ["return", "/api/cycles/2024/departments/GOV/return", RETURN_BODY],
      ["accept", "/api/cycles/2024/departments/GOV/accept", undefined],
      ["reopen", "/api/cycles/2024/departments/GOV/reopen", { reason: "更正" }],
      ["aggregate", "/api/cycles/2024/aggregate", { overrideReason: "补汇总" }],
      ["reopen the year", "/api/cycles/2024/reopen", { reason: "更正" }],
    ])("a closed year refuses the office's %s", async (_name, url, body) => {
      const response = await as("office").post(url, body);
      expect(response.statusCode, response.body).toBe(423);
      expect(response.json().lock).toMatchObject({ kind: "closed" });
    });

    it.each<[string, (client: Client) => Promise<LightMyRequestResponse>, Who]>([
      ["return", (c) => c.post(`${departmentUrl(DEPARTMENT)}/return`, RETURN_BODY), "office"],
      ["accept", (c) => c.post(`${departmentUrl(DEPARTMENT)}/accept`), "office"],
      ["aggregate again", (c) => c.post(`${YEAR}/aggregate`, { overrideReason: "再次" }), "office"],
    ])("an aggregated year refuses to %s", async (_name, send, who) => {
      await submitted();
      await aggregated();
      const before = await submission();
      const response = await send(as(who));
      expect(response.statusCode, response.body).toBe(423);
      expect(response.json().lock).toMatchObject({ kind: "aggregated" });
      expect(await submission()).toEqual(before);
      await yearOpen();
    });

    it("a draft department after the deadline cannot submit; an exception lets it", async () => {
      expect((await submission("BIANBAN")).state).toBe("draft");
      const checks = (await as("office").get(`${departmentUrl("BIANBAN")}/checks`)).json();
      harness.clock.set("2026-03-10T16:00:00.000Z");
      // Sessions idle out across the jump: sign in again.
      for (const who of WHO) clients.set(who, await harness.as(who));
      const head = await harness.as("bianban-head");
      const late = await head.post(`${departmentUrl("BIANBAN")}/submit`, {
        declaration: checks.declaration,
      });
      expect(late.statusCode, late.body).toBe(423);
      expect(late.json().lock).toEqual({
        kind: "deadline",
        department: "BIANBAN",
        due: "2026-03-10",
      });
      ok(
        await as("office").post(`${YEAR}/lock-exceptions`, {
          department: "BIANBAN",
          until: "2026-03-11",
          reason: "系统故障",
        }),
      );
      const excused = await head.post(`${departmentUrl("BIANBAN")}/submit`, {
        declaration: checks.declaration,
      });
      expect(excused.statusCode, excused.body).toBe(200);
      const detail = (await submission("BIANBAN")) as unknown as { state: string };
      expect(detail.state).toBe("submitted");
    });
  });

  it("of two offices acting at once one wins and the other gets 409 naming the new state", async () => {
    const other = await harness.as("office");
    await submitted();
    const before = (await submission()).version;
    const [accepted, returned] = await Promise.all([
      as("office").post(`${departmentUrl(DEPARTMENT)}/accept`),
      other.post(`${departmentUrl(DEPARTMENT)}/return`, RETURN_BODY),
    ]);
    const statuses = [accepted.statusCode, returned.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = accepted.statusCode === 409 ? accepted : returned;
    const state = accepted.statusCode === 200 ? "accepted" : "returned";
    expect(await stateOf()).toBe(state);
    expect(loser.json().message).toContain(state === "accepted" ? "已接收" : "已退回修改");
    expect((await submission()).version).toBe(before + 1);
  });

  it("a head submitting twice at once is certified once", async () => {
    await submittable();
    const audited = (await auditRows(as("office"), "submission.submit")).length;
    const responses = await Promise.all([
      as("gov-head").post(`${departmentUrl(DEPARTMENT)}/submit`, { declaration }),
      as("gov-head").post(`${departmentUrl(DEPARTMENT)}/submit`, { declaration }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(await auditRows(as("office"), "submission.submit")).toHaveLength(audited + 1);
  });

  it("keeps the audit chain intact through every step", async () => {
    expect(await auditIntact(as("office"))).toBe(true);
    const actions = new Set(
      ((await as("office").get("/api/audit/actions")).json() as { actions: string[] }).actions,
    );
    for (const testCase of CASES) expect(actions.has(testCase.auditAction)).toBe(true);
  });
});
