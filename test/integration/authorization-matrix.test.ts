import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocumentText, type FrameworkDoc } from "../../src/core";
import { demoFiles } from "../../src/platform/package-files";
import { toAuthUser } from "../../src/server/auth/auth-user";
import { setUpTwoFactor } from "../../src/server/auth/set-up-two-factor";
import { settleDocumentJobs } from "../../src/server/documents/document-jobs";
import {
  DIALECTS,
  TEST_PASSWORD,
  startHarness,
  type Client,
  type Harness,
} from "../support/server-harness";

/**
 * Who may do what, as one table: every route × every role × the user's own or another
 * department's resource. Each line of POLICY becomes one test per account and target;
 * a refused write must also leave the stored figure, answer or evidence list unchanged.
 */

const YEAR = "/api/cycles/2025";

type Status = 200 | 201 | 202 | 204 | 401 | 403 | 404 | 409 | 415 | 422;
type Role = "admin" | "office" | "leader" | "auditor" | "dept_clerk" | "dept_head";
/** own/other: the resource belongs to the user's department or another one; none: no department involved. */
type Target = "own" | "other" | "none";
/** A department-scoped route gives department users one status for their own resource and one for another's. */
type ScopedCell = Status | { own: Status; other: Status };
/** Clerks and heads share a cell unless the route tells them apart (only a head submits). */
type DepartmentCell = ScopedCell | { clerk: ScopedCell; head: ScopedCell };

// prettier-ignore
const POLICY_TABLE: [route: string, anonymous: Status, admin: Status, office: Status, leader: Status, auditor: Status, department: DepartmentCell][] = [
  // route                                             anon admin office leader auditor  dept_clerk and dept_head
  ["POST /api/auth/login",                             200, 200,  200,   200,   200,     200],
  ["POST /api/auth/logout",                            401, 204,  204,   204,   204,     204],
  ["GET /api/me",                                      401, 200,  200,   200,   200,     200],
  ["GET /api/auth/session",                            200, 200,  200,   200,   200,     200],
  ["GET /api/docs",                                    200, 200,  200,   200,   200,     200],
  ["GET /api/health",                                  200, 200,  200,   200,   200,     200],
  ["GET /api/cycles",                                  401, 200,  200,   200,   200,     200],
  ["GET /api/cycles/:year",                            401, 200,  200,   200,   200,     200],
  ["PATCH /api/cycles/:year",                          401, 200,  200,   403,   403,     403],
  ["GET /api/cycles/:year/framework",                  401, 200,  200,   200,   200,     200],
  ["GET /api/cycles/:year/score",                      401, 200,  200,   200,   200,     403],
  ["GET /api/cycles/:year/export",                     401, 200,  200,   200,   200,     403],
  ["GET /api/cycles/:year/items",                      401, 200,  200,   200,   200,     200],
  ["GET /api/cycles/:year/items?department=:dept",     401, 200,  200,   200,   200,     { own: 200, other: 403 }],
  ["PUT /api/cycles/:year/values/:element/:region",    401, 200,  200,   403,   403,     { own: 200, other: 403 }],
  ["PUT /api/cycles/:year/work/:item",                 401, 200,  200,   403,   403,     { own: 200, other: 403 }],
  ["POST /api/cycles/:year/evidence",                  401, 201,  201,   403,   403,     { own: 201, other: 403 }],
  ["GET /api/cycles/:year/evidence/:id",               401, 200,  200,   200,   200,     { own: 200, other: 403 }],
  ["GET /api/cycles/:year/evidence/:id?inline=1",      401, 200,  200,   200,   200,     { own: 200, other: 403 }],
  // Only the account that uploaded a file may remove it: the probe's file is the department
  // user's own upload for "own", another department's clerk's otherwise (so 403 for the office).
  ["DELETE /api/cycles/:year/evidence/:id",            401, 403,  403,   403,   403,     { own: 204, other: 403 }],
  ["DELETE /api/cycles/:year/values/:element/:region", 401, 200,  200,   403,   403,     { own: 200, other: 403 }],
  ["GET /api/cycles/:year/departments",                401, 200,  200,   200,   200,     200],
  // Timeliness: city readers see every department, a department user only its own row.
  ["GET /api/cycles/:year/timeliness",                 401, 200,  200,   200,   200,     200],
  ["GET /api/cycles/:year/timeliness.csv",             401, 200,  200,   200,   200,     200],
  ["GET /api/cycles/:year/timeliness.xlsx",            401, 200,  200,   200,   200,     200],
  // Comments: the office and the item's own department only.
  ["GET /api/cycles/:year/comments",                   401, 200,  200,   403,   403,     { own: 200, other: 403 }],
  ["POST /api/cycles/:year/comments",                  401, 201,  201,   403,   403,     { own: 201, other: 403 }],
  // The leader is left out of AUDIT_READERS in src/server/auth/policy.ts.
  ["GET /api/audit/verify",                            401, 200,  200,   403,   200,     403],
  ["GET /api/audit/checkpoints",                       401, 200,  200,   403,   200,     403],
  ["POST /api/audit/checkpoints",                      401, 200,  200,   403,   403,     403],
  // Anyone may turn two-factor sign-in on; confirming with a wrong code reaches the use case (422).
  ["POST /api/auth/2fa/setup",                         401, 200,  200,   200,   200,     200],
  ["POST /api/auth/2fa/confirm",                       401, 422,  422,   422,   422,     422],
  // Public: a made-up challenge is refused whoever sends it.
  ["POST /api/auth/2fa/verify",                        401, 401,  401,   401,   401,     401],
  ["GET /api/users/locks",                             401, 200,  200,   403,   403,     403],
  ["POST /api/users/:username/unlock",                 401, 200,  200,   403,   403,     403],
  ["POST /api/users/:username/2fa/reset",              401, 200,  403,   403,   403,     403],
  // Account administration is the admin's alone.
  ["GET /api/users",                                   401, 200,  403,   403,   403,     403],
  ["POST /api/users",                                  401, 201,  403,   403,   403,     403],
  ["PATCH /api/users/:username",                       401, 200,  403,   403,   403,     403],
  ["POST /api/users/:username/password",               401, 200,  403,   403,   403,     403],
  // Anyone signed in may change their own password; a wrong current one reaches the use case (422).
  ["POST /api/auth/password",                          401, 422,  422,   422,   422,     422],
  ["GET /api/audit/log",                               401, 200,  200,   403,   200,     403],
  ["GET /api/audit/actions",                           401, 200,  200,   403,   200,     403],
  ["GET /api/frameworks",                              401, 200,  200,   200,   200,     403],
  ["POST /api/frameworks",                             401, 201,  201,   403,   403,     403],
  // The year's workflow. Each probe is a valid request that stops short of changing a state
  // (a declaration not the prescribed text, a department still in draft, a year not all
  // accepted, nothing submitted or aggregated yet): 404/409/422 mean the role got through.
  ["GET /api/cycles/:year/departments/:department/submission", 401, 200, 200, 200, 200, { own: 200, other: 403 }],
  ["GET /api/cycles/:year/departments/:department/checks", 401, 200, 200,  200,   200,     { own: 200, other: 403 }],
  ["POST /api/cycles/:year/departments/:department/submit", 401, 403, 403, 403,   403,     { clerk: 403, head: { own: 422, other: 403 } }],
  ["POST /api/cycles/:year/departments/:department/return", 401, 403, 409, 403,   403,     { own: 403, other: 403 }],
  ["POST /api/cycles/:year/departments/:department/accept", 401, 403, 409, 403,   403,     { own: 403, other: 403 }],
  ["POST /api/cycles/:year/departments/:department/reopen", 401, 403, 409, 403,   403,     { own: 403, other: 403 }],
  ["GET /api/cycles/:year/departments/:department/certificate", 401, 404, 404, 404, 404,   { own: 404, other: 403 }],
  ["GET /api/cycles/:year/lock-exceptions",            401, 200,  200,   200,   200,     403],
  ["POST /api/cycles/:year/lock-exceptions",           401, 403,  200,   403,   403,     403],
  ["DELETE /api/cycles/:year/lock-exceptions/:id",     401, 403,  204,   403,   403,     403],
  ["POST /api/cycles/:year/aggregate",                 401, 403,  409,   403,   403,     403],
  ["POST /api/cycles/:year/reopen",                    401, 403,  409,   403,   403,     403],
  ["GET /api/cycles/:year/snapshot",                   401, 404,  404,   404,   404,     403],
  ["POST /api/cycles",                                 401, 201,  201,   403,   403,     403],
  // Everyone has their own notification centre; an id that is not one's own is 404 for all.
  ["GET /api/notifications",                           401, 200,  200,   200,   200,     200],
  ["POST /api/notifications/:id/read",                 401, 404,  404,   404,   404,     404],
  ["POST /api/notifications/read-all",                 401, 200,  200,   200,   200,     200],
  ["GET /api/cycles/:year/documents/:scope/tables.xlsx", 401, 200, 200,  200,   200,     { own: 200, other: 403 }],
  ["GET /api/cycles/:year/documents/:scope/tables.xlsx?city", 401, 200, 200, 200, 200,   403],
  ["GET /api/cycles/:year/documents/:scope/report.docx", 401, 200, 200,  200,   200,     { own: 200, other: 403 }],
  ["GET /api/cycles/:year/documents/:scope/template.xlsx", 401, 200, 200, 200,  200,     { own: 200, other: 403 }],
  ["GET /api/cycles/:year/documents/:scope/narratives", 401, 200,  200,   200,   200,     { own: 200, other: 403 }],
  ["PUT /api/cycles/:year/documents/:scope/narratives", 401, 200,  200,   403,   403,     { own: 200, other: 403 }],
  ["PUT /api/cycles/:year/documents/:scope/narratives?city", 401, 200, 200, 403,  403,     403],
  ["POST /api/cycles/:year/documents/:scope/jobs",      401, 202,  202,   202,   202,     { own: 202, other: 403 }],
  ["GET /api/cycles/:year/documents/:scope/jobs",       401, 200,  200,   200,   200,     { own: 200, other: 403 }],
  ["GET /api/cycles/:year/documents/:scope/jobs/:id",   401, 404,  404,   404,   404,     { own: 404, other: 403 }],
  ["GET /api/cycles/:year/documents/:scope/jobs/:id/file", 401, 404, 404, 404,   404,     { own: 404, other: 403 }],
  ["POST /api/cycles/:year/departments/:department/template", 401, 415, 415, 403, 403,   { own: 415, other: 403 }],
];

/** What each department owns in the demo framework, used as the "own" or "other" resource. */
interface Resource {
  department: string;
  /** A data element only this department's indicators read. */
  element: string;
  workItem: string;
  /** An indicator of the department, to attach evidence to. */
  indicator: string;
}

const RESOURCES: Record<string, Resource> = {
  EDU: { department: "EDU", element: "PRIMARY_ENROLLED", workItem: "W05", indicator: "EDU01" },
  HEALTH: {
    department: "HEALTH",
    element: "HOSPITAL_BEDS",
    workItem: "W06",
    indicator: "HEALTH01",
  },
  // FIN answers for EDU08, an indicator of the EDU *domain*: ownership follows the department.
  FIN: { department: "FIN", element: "EDU_SPEND", workItem: "W02", indicator: "EDU08" },
};

interface Account {
  account: string | null;
  role: Role | "anonymous";
  own?: string;
  other?: string;
}

const ACCOUNTS: Account[] = [
  { account: null, role: "anonymous" },
  { account: "admin", role: "admin" },
  { account: "office", role: "office" },
  { account: "leader", role: "leader" },
  { account: "auditor", role: "auditor" },
  { account: "edu-clerk", role: "dept_clerk", own: "EDU", other: "HEALTH" },
  { account: "edu-head", role: "dept_head", own: "EDU", other: "HEALTH" },
  { account: "health-clerk", role: "dept_clerk", own: "HEALTH", other: "EDU" },
  { account: "fin-head", role: "dept_head", own: "FIN", other: "EDU" },
];
/** Users without a department are tried on these departments' resources. */
const CITY_WIDE_SAMPLES = ["EDU", "HEALTH"];

interface MatrixRow {
  /** The test's name: route, who, which resource, expected status. */
  label: string;
  route: string;
  account: string | null;
  role: Account["role"];
  target: Target;
  /** The department whose resource the request touches, for department-scoped routes. */
  department?: string;
  expected: Status;
}

function expand(): MatrixRow[] {
  const rows: MatrixRow[] = [];
  const push = (row: Omit<MatrixRow, "label">) => {
    const who = row.account === null ? "anonymous" : `${row.account} (${row.role})`;
    const what =
      row.department === undefined
        ? ""
        : row.target === "none"
          ? ` on ${row.department}'s`
          : ` on ${row.target} (${row.department})`;
    rows.push({ ...row, label: `${row.route} as ${who}${what} → ${row.expected}` });
  };
  for (const [route, anonymous, admin, office, leader, auditor, cell] of POLICY_TABLE) {
    const cityCell: Record<string, Status> = { anonymous, admin, office, leader, auditor };
    const byRole = typeof cell === "object" && "clerk" in cell ? cell : undefined;
    const scoped = byRole
      ? typeof byRole.clerk === "object" || typeof byRole.head === "object"
      : typeof cell === "object";
    for (const { account, role, own, other } of ACCOUNTS) {
      const base = { route, account, role };
      if (role === "dept_clerk" || role === "dept_head") {
        const department = (
          byRole ? byRole[role === "dept_head" ? "head" : "clerk"] : cell
        ) as ScopedCell;
        if (typeof department !== "object" && scoped) {
          // One status for both, but still tried on their own and another's department.
          push({ ...base, target: "own", department: own!, expected: department });
          push({ ...base, target: "other", department: other!, expected: department });
        } else if (typeof department === "object") {
          push({ ...base, target: "own", department: own!, expected: department.own });
          push({ ...base, target: "other", department: other!, expected: department.other });
        } else {
          push({ ...base, target: "none", expected: department });
        }
      } else if (scoped) {
        for (const sample of CITY_WIDE_SAMPLES) {
          push({ ...base, target: "none", department: sample, expected: cityCell[role]! });
        }
      } else {
        push({ ...base, target: "none", expected: cityCell[role]! });
      }
    }
  }
  return rows;
}

const MATRIX = expand();

/** The demo framework, read from the file the harness seeds from. */
const FRAMEWORK = (() => {
  const file = demoFiles().framework;
  return parseDocumentText(readFileSync(file, "utf8"), file) as FrameworkDoc;
})();

/** Data elements read by a department's indicators, from the formula text (independent of src/). */
function elementsReadBy(department: string): Set<string> {
  const codes = new Set(FRAMEWORK.dataElements.map((element) => element.code));
  const read = new Set<string>();
  for (const indicator of FRAMEWORK.indicators) {
    if (indicator.department !== department) continue;
    for (const word of indicator.formula.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
      if (codes.has(word)) read.add(word);
    }
  }
  return read;
}

const DEPARTMENT_ACCOUNTS = FRAMEWORK.departments.flatMap((department) =>
  (["clerk", "head"] as const).map((kind) => ({
    account: `${department.code.toLowerCase()}-${kind}`,
    department: department.code,
  })),
);

/** A small PDF, different each time so uploads are distinct files. */
const pdf = () =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Title (${randomBytes(8).toString("hex")}) >>\nendobj\n%%EOF\n`,
  );

/** multipart/form-data for an evidence upload, as a browser sends it. */
function evidenceForm(targetKind: string, targetCode: string) {
  const boundary = `----kaoping-${randomBytes(8).toString("hex")}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(field("targetKind", targetKind) + field("targetCode", targetCode)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="辅证.pdf"\r\n` +
        "Content-Type: application/pdf\r\n\r\n",
    ),
    pdf(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

interface Session {
  cookie: string;
  csrfToken: string;
}

/** How the X-CSRF-Token header is sent: the session's token, none, a made-up one, or another session's. */
type Csrf = "valid" | "missing" | "wrong" | "foreign";

interface Request {
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  payload?: InjectOptions["payload"];
  headers?: Record<string, string>;
}

interface ExportDoc {
  values: Record<string, Record<string, number>>;
  work: Record<string, Record<string, number>>;
}

interface ItemsDoc {
  indicators: {
    code: string;
    department: string;
    evidence: { id: string }[];
    elements: { code: string; values: Record<string, { version: number }> }[];
  }[];
  workItems: { code: string; department: string; answer: { version: number } | null }[];
}

describe.each(DIALECTS)("authorization matrix on %s", (dialect) => {
  let harness: Harness;
  let app: FastifyInstance;
  /** An office session that only reads, to see what is stored. */
  let reader: Client;
  const sessions = new Map<string, Session>();
  const evidenceIds = new Map<string, string>();
  /** The file the next evidence removal removes (set by its probe's `prepare`). */
  let preparedEvidenceId: string = randomUUID();
  /** The lock exception the next revocation ends (set by its probe's `prepare`). */
  let preparedExceptionId = "";
  let nextValue = 10_000;

  async function signIn(username: string): Promise<Session> {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username, password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === "kaoping_session");
    return { cookie: cookie!.value, csrfToken: (response.json() as Session).csrfToken };
  }

  async function sessionOf(account: string): Promise<Session> {
    let session = sessions.get(account);
    if (!session) {
      session = await signIn(account);
      sessions.set(account, session);
    }
    return session;
  }

  async function send(
    session: Session | undefined,
    request: Request,
    csrf: Csrf = "valid",
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...request.headers };
    if (session && csrf === "valid") headers["x-csrf-token"] = session.csrfToken;
    if (csrf === "wrong") headers["x-csrf-token"] = randomBytes(32).toString("base64url");
    if (csrf === "foreign") headers["x-csrf-token"] = (await sessionOf("admin")).csrfToken;
    return app.inject({
      method: request.method,
      url: request.url,
      headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
      ...(session ? { cookies: { kaoping_session: session.cookie } } : {}),
    });
  }

  const items = async () => (await reader.get(`${YEAR}/items`)).json() as ItemsDoc;
  const exported = async () => (await reader.get(`${YEAR}/export`)).json() as ExportDoc;

  /** Version of every stored figure and work answer, as the office sees them. */
  async function versions(): Promise<Map<string, number>> {
    const map = new Map<string, number>();
    const listing = await items();
    for (const indicator of listing.indicators) {
      for (const element of indicator.elements) {
        for (const [region, value] of Object.entries(element.values)) {
          map.set(`${element.code}/${region}`, value.version);
        }
      }
    }
    for (const item of listing.workItems) map.set(`work/${item.code}`, item.answer?.version ?? 0);
    return map;
  }

  async function valueState(element: string, region: string) {
    const [doc, all] = await Promise.all([exported(), versions()]);
    return {
      value: doc.values[element]?.[region] ?? null,
      version: all.get(`${element}/${region}`) ?? 0,
    };
  }

  async function workState(item: string) {
    const [doc, all] = await Promise.all([exported(), versions()]);
    return { awarded: doc.work[item] ?? null, version: all.get(`work/${item}`) ?? 0 };
  }

  async function evidenceState(indicator: string) {
    const listing = await items();
    return listing.indicators.find((candidate) => candidate.code === indicator)!.evidence;
  }

  /** A department's hand-in as the office sees it (state, version, returns). */
  const submissionState = async (department: string) =>
    (await reader.get(`${YEAR}/departments/${department}/submission`)).json() as unknown;
  const lockExceptions = async () =>
    ((await reader.get(`${YEAR}/lock-exceptions`)).json() as { exceptions: unknown[] }).exceptions;

  /** The version of a scope's 工作开展情况, so a permitted write is never a stale one. */
  const narrativeVersion = async (scope: string) =>
    (
      (await reader.get(`${YEAR}/documents/${scope}/narratives`)).json() as {
        sections: { section: string; version: number }[];
      }
    ).sections.find((section) => section.section === "work")!.version;
  const narrativeState = async (scope: string) =>
    (await reader.get(`${YEAR}/documents/${scope}/narratives`)).json() as unknown;

  const firstCriterion = (item: string) =>
    FRAMEWORK.workItems.find((candidate) => candidate.code === item)!.criteria[0]!.code;

  /**
   * How to exercise each route: the request (a valid one, so that a 2xx is possible),
   * whether it needs a session of its own (login and logout end sessions), and for
   * writes what must not change when the request is refused.
   */
  interface Probe {
    request(resource: Resource | undefined, account: string | null): Promise<Request>;
    freshSession?: boolean;
    /** Sets up what the request acts on (a figure to clear, a file to remove), before `state`. */
    prepare?(resource: Resource, account: string | null): Promise<void>;
    state?(resource: Resource): Promise<unknown>;
  }

  const PROBES: Record<string, Probe> = {
    "POST /api/auth/login": {
      freshSession: true,
      request: async (_resource, account) => ({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: account ?? "leader", password: TEST_PASSWORD },
      }),
    },
    "POST /api/auth/logout": {
      freshSession: true,
      request: async () => ({ method: "POST", url: "/api/auth/logout" }),
    },
    "GET /api/me": { request: async () => ({ method: "GET", url: "/api/me" }) },
    "GET /api/auth/session": {
      request: async () => ({ method: "GET", url: "/api/auth/session" }),
    },
    "GET /api/docs": { request: async () => ({ method: "GET", url: "/api/docs" }) },
    "GET /api/health": { request: async () => ({ method: "GET", url: "/api/health" }) },
    "GET /api/cycles": { request: async () => ({ method: "GET", url: "/api/cycles" }) },
    "GET /api/cycles/:year": { request: async () => ({ method: "GET", url: YEAR }) },
    "PATCH /api/cycles/:year": {
      request: async () => ({
        method: "PATCH",
        url: YEAR,
        payload: { provinceDue: `2026-03-${String(20 + (nextDeadline++ % 6))}` },
      }),
      state: async () => (await reader.get(YEAR)).json().provinceDue,
    },
    "GET /api/cycles/:year/framework": {
      request: async () => ({ method: "GET", url: `${YEAR}/framework` }),
    },
    "GET /api/cycles/:year/score": {
      request: async () => ({ method: "GET", url: `${YEAR}/score` }),
    },
    "GET /api/cycles/:year/export": {
      request: async () => ({ method: "GET", url: `${YEAR}/export` }),
    },
    "GET /api/cycles/:year/items": {
      request: async () => ({ method: "GET", url: `${YEAR}/items` }),
    },
    "GET /api/cycles/:year/items?department=:dept": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/items?department=${resource!.department}`,
      }),
    },
    "PUT /api/cycles/:year/values/:element/:region": {
      request: async (resource) => ({
        method: "PUT",
        url: `${YEAR}/values/${resource!.element}/HC`,
        payload: {
          value: nextValue++,
          version: (await valueState(resource!.element, "HC")).version,
          note: "t",
        },
      }),
      state: (resource) => valueState(resource.element, "HC"),
    },
    "PUT /api/cycles/:year/work/:item": {
      request: async (resource) => ({
        method: "PUT",
        url: `${YEAR}/work/${resource!.workItem}`,
        payload: {
          awarded: { [firstCriterion(resource!.workItem)]: 0 },
          version: (await workState(resource!.workItem)).version,
        },
      }),
      state: (resource) => workState(resource.workItem),
    },
    "POST /api/cycles/:year/evidence": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/evidence`,
        ...evidenceForm("indicator", resource!.indicator),
      }),
      state: (resource) => evidenceState(resource.indicator),
    },
    "GET /api/cycles/:year/evidence/:id": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/evidence/${evidenceIds.get(resource!.department)!}`,
      }),
    },
    "GET /api/cycles/:year/departments/:department/submission": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/departments/${resource!.department}/submission`,
      }),
    },
    "GET /api/cycles/:year/departments/:department/checks": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/departments/${resource!.department}/checks`,
      }),
    },
    "POST /api/cycles/:year/departments/:department/submit": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/departments/${resource!.department}/submit`,
        payload: { declaration: "不是规定的承诺文本" },
      }),
      state: (resource) => submissionState(resource.department),
    },
    "POST /api/cycles/:year/departments/:department/return": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/departments/${resource!.department}/return`,
        payload: {
          reasons: [{ item: { kind: "indicator", code: resource!.indicator }, reason: "请补充" }],
        },
      }),
      state: (resource) => submissionState(resource.department),
    },
    "POST /api/cycles/:year/departments/:department/accept": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/departments/${resource!.department}/accept`,
      }),
      state: (resource) => submissionState(resource.department),
    },
    "POST /api/cycles/:year/departments/:department/reopen": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/departments/${resource!.department}/reopen`,
        payload: { reason: "重新核对" },
      }),
      state: (resource) => submissionState(resource.department),
    },
    "GET /api/cycles/:year/departments/:department/certificate": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/departments/${resource!.department}/certificate`,
      }),
    },
    "GET /api/cycles/:year/lock-exceptions": {
      request: async () => ({ method: "GET", url: `${YEAR}/lock-exceptions` }),
    },
    "POST /api/cycles/:year/lock-exceptions": {
      request: async () => ({
        method: "POST",
        url: `${YEAR}/lock-exceptions`,
        payload: { department: "EDU", until: "2026-03-12", reason: "延期报送" },
      }),
      state: () => lockExceptions(),
    },
    "DELETE /api/cycles/:year/lock-exceptions/:id": {
      // A fresh exception each time, granted by the office.
      prepare: async () => {
        const granted = await reader.post(`${YEAR}/lock-exceptions`, {
          department: "HEALTH",
          until: "2026-03-12",
          reason: "延期报送",
        });
        expect(granted.statusCode, granted.body).toBe(200);
        preparedExceptionId = (granted.json() as { id: string }).id;
      },
      request: async () => ({
        method: "DELETE",
        url: `${YEAR}/lock-exceptions/${preparedExceptionId}`,
      }),
      state: () => lockExceptions(),
    },
    "POST /api/cycles/:year/aggregate": {
      request: async () => ({ method: "POST", url: `${YEAR}/aggregate`, payload: {} }),
      state: async () => (await reader.get(YEAR)).json().status,
    },
    "POST /api/cycles/:year/reopen": {
      request: async () => ({
        method: "POST",
        url: `${YEAR}/reopen`,
        payload: { reason: "重新开放" },
      }),
      state: async () => (await reader.get(YEAR)).json().status,
    },
    "GET /api/cycles/:year/snapshot": {
      request: async () => ({ method: "GET", url: `${YEAR}/snapshot` }),
    },
    "GET /api/audit/verify": { request: async () => ({ method: "GET", url: "/api/audit/verify" }) },
    "GET /api/audit/checkpoints": {
      request: async () => ({ method: "GET", url: "/api/audit/checkpoints" }),
    },
    "POST /api/audit/checkpoints": {
      request: async () => ({ method: "POST", url: "/api/audit/checkpoints" }),
    },
    "POST /api/auth/2fa/setup": {
      request: async () => ({ method: "POST", url: "/api/auth/2fa/setup" }),
    },
    "POST /api/auth/2fa/confirm": {
      // Enrolment started first, so only the code (never a valid one) can be refused.
      request: async (_resource, account) => {
        const user = account ? await harness.deps.repos.users.byUsername(account) : undefined;
        if (user) await setUpTwoFactor(harness.deps, toAuthUser(user));
        return { method: "POST", url: "/api/auth/2fa/confirm", payload: { code: "not-a-code" } };
      },
    },
    "POST /api/auth/2fa/verify": {
      request: async () => ({
        method: "POST",
        url: "/api/auth/2fa/verify",
        payload: { challenge: randomBytes(32).toString("base64url"), code: "123456" },
      }),
    },
    "GET /api/users/locks": { request: async () => ({ method: "GET", url: "/api/users/locks" }) },
    "POST /api/users/:username/unlock": {
      request: async () => ({ method: "POST", url: "/api/users/edu-head/unlock" }),
    },
    "POST /api/users/:username/2fa/reset": {
      // An account the rows above never sign in with: a reset ends its sessions.
      request: async () => ({ method: "POST", url: "/api/users/transport-clerk/2fa/reset" }),
    },
    "GET /api/users": { request: async () => ({ method: "GET", url: "/api/users" }) },
    "POST /api/users": {
      request: async () => ({
        method: "POST",
        url: "/api/users",
        payload: {
          username: `matrix-${randomBytes(4).toString("hex")}`,
          displayName: "矩阵",
          role: "leader",
          password: "Matrix-Given-2026!",
        },
      }),
      state: () => harness.deps.repos.users.count(),
    },
    "PATCH /api/users/:username": {
      prepare: () => ensureMatrixTarget(),
      request: async () => ({
        method: "PATCH",
        url: `/api/users/${MATRIX_TARGET}`,
        payload: { displayName: `矩阵 ${randomBytes(4).toString("hex")}` },
      }),
      state: async () => (await harness.deps.repos.users.byUsername(MATRIX_TARGET))?.display_name,
    },
    "POST /api/users/:username/password": {
      // Not a demo account: the rows below still sign in with theirs.
      prepare: () => ensureMatrixTarget(),
      request: async () => ({
        method: "POST",
        url: `/api/users/${MATRIX_TARGET}/password`,
        payload: { password: "Matrix-Given-2026!" },
      }),
      state: async () => (await harness.deps.repos.users.byUsername(MATRIX_TARGET))?.password_hash,
    },
    "POST /api/auth/password": {
      request: async () => ({
        method: "POST",
        url: "/api/auth/password",
        payload: { currentPassword: "Not-The-Password-1", newPassword: "Matrix-Chosen-2026!" },
      }),
    },
    "GET /api/audit/log": { request: async () => ({ method: "GET", url: "/api/audit/log" }) },
    "GET /api/audit/actions": {
      request: async () => ({ method: "GET", url: "/api/audit/actions" }),
    },
    "GET /api/frameworks": { request: async () => ({ method: "GET", url: "/api/frameworks" }) },
    "POST /api/frameworks": {
      // The demo framework under another name each time: a new version, never a repeat.
      request: async () => {
        const boundary = "matrixframework";
        const text = JSON.stringify({
          ...FRAMEWORK,
          name: `矩阵 ${randomBytes(4).toString("hex")}`,
        });
        return {
          method: "POST",
          url: "/api/frameworks",
          headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
          payload:
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.json"\r\n\r\n` +
            `${text}\r\n--${boundary}--\r\n`,
        };
      },
      state: async () => (await harness.deps.repos.frameworks.list()).length,
    },
    "GET /api/notifications": {
      request: async () => ({ method: "GET", url: "/api/notifications" }),
    },
    "POST /api/notifications/:id/read": {
      request: async () => ({ method: "POST", url: "/api/notifications/not-anyones-id/read" }),
    },
    "POST /api/notifications/read-all": {
      request: async () => ({ method: "POST", url: "/api/notifications/read-all" }),
    },
    "POST /api/cycles": {
      // A year no row has opened yet: one past those there are.
      request: async () => {
        const years = (await harness.deps.repos.cycles.list()).map((cycle) => cycle.year);
        const [framework] = await harness.deps.repos.frameworks.list();
        return {
          method: "POST",
          url: "/api/cycles",
          payload: { year: Math.max(2100, ...years) + 1, frameworkId: framework!.id },
        };
      },
      state: async () => (await harness.deps.repos.cycles.list()).length,
    },
    "GET /api/cycles/:year/evidence/:id?inline=1": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/evidence/${evidenceIds.get(resource!.department)!}?inline=1`,
      }),
    },
    "DELETE /api/cycles/:year/evidence/:id": {
      // A fresh file each time: the account's own upload when the resource is its own
      // department's, else one another department's clerk filed.
      prepare: async (resource, account) => {
        const own = ACCOUNTS.find((candidate) => candidate.account === account)?.own;
        const uploader =
          account !== null && own === resource.department
            ? account
            : `${resource.department.toLowerCase()}-clerk`;
        const uploaded = await send(await sessionOf(uploader), {
          method: "POST",
          url: `${YEAR}/evidence`,
          ...evidenceForm("indicator", resource.indicator),
        });
        expect(uploaded.statusCode, uploaded.body).toBe(201);
        preparedEvidenceId = (uploaded.json() as { id: string }).id;
      },
      request: async () => ({ method: "DELETE", url: `${YEAR}/evidence/${preparedEvidenceId}` }),
      state: (resource) => evidenceState(resource.indicator),
    },
    "DELETE /api/cycles/:year/values/:element/:region": {
      // A figure to clear, entered by the office when an earlier row cleared it.
      prepare: async (resource) => {
        const current = await valueState(resource.element, "HC");
        if (current.value !== null) return;
        const saved = await reader.put(`${YEAR}/values/${resource.element}/HC`, {
          value: nextValue++,
          version: current.version,
        });
        expect(saved.statusCode, saved.body).toBe(200);
      },
      request: async (resource) => ({
        method: "DELETE",
        url: `${YEAR}/values/${resource!.element}/HC?version=${(await valueState(resource!.element, "HC")).version}`,
      }),
      state: (resource) => valueState(resource.element, "HC"),
    },
    "GET /api/cycles/:year/departments": {
      request: async () => ({ method: "GET", url: `${YEAR}/departments` }),
    },
    "GET /api/cycles/:year/timeliness": {
      request: async () => ({ method: "GET", url: `${YEAR}/timeliness` }),
    },
    "GET /api/cycles/:year/timeliness.csv": {
      request: async () => ({ method: "GET", url: `${YEAR}/timeliness.csv` }),
    },
    "GET /api/cycles/:year/timeliness.xlsx": {
      request: async () => ({ method: "GET", url: `${YEAR}/timeliness.xlsx` }),
    },
    "GET /api/cycles/:year/documents/:scope/tables.xlsx": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/tables.xlsx`,
      }),
    },
    "GET /api/cycles/:year/documents/:scope/tables.xlsx?city": {
      request: async () => ({ method: "GET", url: `${YEAR}/documents/city/tables.xlsx` }),
    },
    "GET /api/cycles/:year/documents/:scope/report.docx": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/report.docx`,
      }),
    },
    "GET /api/cycles/:year/documents/:scope/template.xlsx": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/template.xlsx`,
      }),
    },
    "GET /api/cycles/:year/documents/:scope/narratives": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/narratives`,
      }),
    },
    "PUT /api/cycles/:year/documents/:scope/narratives": {
      request: async (resource) => ({
        method: "PUT",
        url: `${YEAR}/documents/${resource!.department}/narratives`,
        payload: {
          section: "work",
          text: `工作开展情况 ${nextValue++}`,
          version: await narrativeVersion(resource!.department),
        },
      }),
      state: (resource) => narrativeState(resource.department),
    },
    "PUT /api/cycles/:year/documents/:scope/narratives?city": {
      request: async () => ({
        method: "PUT",
        url: `${YEAR}/documents/city/narratives`,
        payload: {
          section: "work",
          text: `全市工作开展情况 ${nextValue++}`,
          version: await narrativeVersion("city"),
        },
      }),
      state: () => narrativeState("city"),
    },
    "POST /api/cycles/:year/documents/:scope/jobs": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/documents/${resource!.department}/jobs`,
        payload: { kind: "volume" },
      }),
    },
    "GET /api/cycles/:year/documents/:scope/jobs": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/jobs`,
      }),
    },
    "GET /api/cycles/:year/documents/:scope/jobs/:id": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/jobs/not-a-job`,
      }),
    },
    "GET /api/cycles/:year/documents/:scope/jobs/:id/file": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/documents/${resource!.department}/jobs/not-a-job/file`,
      }),
    },
    "POST /api/cycles/:year/departments/:department/template": {
      // Not a workbook: whoever may import gets 415, after authorization let it through.
      request: async (resource) => {
        const boundary = "matrixtemplate";
        return {
          method: "POST",
          url: `${YEAR}/departments/${resource!.department}/template`,
          headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
          payload:
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\n\r\n` +
            `not a workbook\r\n--${boundary}--\r\n`,
        };
      },
      state: (resource) => exported().then((doc) => doc.values[resource.element] ?? null),
    },
    "GET /api/cycles/:year/comments": {
      request: async (resource) => ({
        method: "GET",
        url: `${YEAR}/comments?kind=indicator&code=${resource!.indicator}`,
      }),
    },
    "POST /api/cycles/:year/comments": {
      request: async (resource) => ({
        method: "POST",
        url: `${YEAR}/comments`,
        payload: { kind: "indicator", code: resource!.indicator, body: `意见 ${nextValue++}` },
      }),
      state: async (resource) =>
        (
          (
            await reader.get(`${YEAR}/comments?kind=indicator&code=${resource.indicator}`)
          ).json() as { comments: { id: string }[] }
        ).comments.map((comment) => comment.id),
    },
  };

  /** The account the user-administration rows change (never a demo account others sign in with). */
  const MATRIX_TARGET = "matrix.target";
  async function ensureMatrixTarget(): Promise<void> {
    if (await harness.deps.repos.users.byUsername(MATRIX_TARGET)) return;
    const created = await send(await sessionOf("admin"), {
      method: "POST",
      url: "/api/users",
      payload: {
        username: MATRIX_TARGET,
        displayName: "矩阵",
        role: "leader",
        password: "Matrix-Given-2026!",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
  }

  let nextDeadline = 0;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    app = harness.app;
    reader = await harness.as("office");
    // One evidence file per department, filed by the office under that department.
    for (const resource of Object.values(RESOURCES)) {
      const form = evidenceForm("indicator", resource.indicator);
      const uploaded = await reader.request({ method: "POST", url: `${YEAR}/evidence`, ...form });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      evidenceIds.set(resource.department, (uploaded.json() as { id: string }).id);
    }
  });
  afterAll(async () => {
    // Volumes the job rows started are still being bound in the background.
    await settleDocumentJobs();
    await harness.close();
  });

  it("covers every /api route the server has, and nothing it does not have", () => {
    const served = servedRoutes(app);
    expect(served.length).toBeGreaterThan(10);
    const inTable = [...new Set(POLICY_TABLE.map(([route]) => route.replace(/\?.*$/, "")))];
    expect(inTable.sort()).toEqual(served.sort());
    expect(Object.keys(PROBES).sort()).toEqual(POLICY_TABLE.map(([route]) => route).sort());
  });

  it.each(MATRIX)("$label", async ({ route, account, department, expected }) => {
    const probe = PROBES[route]!;
    const resource = department === undefined ? undefined : RESOURCES[department];
    const session =
      account === null
        ? undefined
        : probe.freshSession
          ? await signIn(account)
          : await sessionOf(account);

    // Department-scoped routes always have a resource; a city-wide write's state ignores it.
    if (probe.prepare) await probe.prepare(resource!, account);
    const before = probe.state ? await probe.state(resource!) : undefined;
    const response = await send(session, await probe.request(resource, account));
    expect(response.statusCode, response.body).toBe(expected);
    if (expected === 401) expect(response.json().error).toBe("unauthenticated");
    if (expected === 403) expect(response.json().error).toBe("forbidden");

    if (probe.state) {
      const after = await probe.state(resource!);
      if (expected >= 400) expect(after, "a refused write changed the stored data").toEqual(before);
      else expect(after, "an accepted write left the stored data as it was").not.toEqual(before);
    }
  });

  it.each(
    MATRIX.filter(
      (row) =>
        row.route.startsWith("GET ") &&
        (row.account === null || row.account === "edu-clerk" || row.account === "leader"),
    ),
  )("HEAD mirrors GET: $label", async (row) => {
    const resource = row.department === undefined ? undefined : RESOURCES[row.department];
    const request = await PROBES[row.route]!.request(resource, row.account);
    const session = row.account === null ? undefined : await sessionOf(row.account);
    const response = await send(session, { ...request, method: "HEAD" });
    expect(response.statusCode).toBe(row.expected);
  });

  describe("every department account against every resource", () => {
    it.each(DEPARTMENT_ACCOUNTS)(
      "$account writes exactly the figures its department's indicators read",
      async ({ account, department }) => {
        const session = await sessionOf(account);
        const region = "LM";
        const value = nextValue++;
        const allowed = elementsReadBy(department);
        const [docBefore, versionsBefore] = await Promise.all([exported(), versions()]);

        // All at once: distinct keys, so none of them may conflict with another.
        // A percentage (max 100) gets a figure inside its bounds: 10.xxx instead of 10xxx.
        const figureFor = (code: string) =>
          (FRAMEWORK.dataElements.find((element) => element.code === code)?.max ?? Infinity) < value
            ? value / 1000
            : value;
        const responses = await Promise.all(
          FRAMEWORK.dataElements.map(({ code }) =>
            send(session, {
              method: "PUT",
              url: `${YEAR}/values/${code}/${region}`,
              payload: {
                value: figureFor(code),
                version: versionsBefore.get(`${code}/${region}`) ?? 0,
                note: "t",
              },
            }),
          ),
        );
        const codes = FRAMEWORK.dataElements.map(({ code }) => code);
        expect(
          Object.fromEntries(codes.map((code, i) => [code, responses[i]!.statusCode])),
        ).toEqual(Object.fromEntries(codes.map((code) => [code, allowed.has(code) ? 200 : 403])));

        const [docAfter, versionsAfter] = await Promise.all([exported(), versions()]);
        for (const { code } of FRAMEWORK.dataElements) {
          const key = `${code}/${region}`;
          if (allowed.has(code)) {
            expect(docAfter.values[code]?.[region]).toBe(figureFor(code));
            expect(versionsAfter.get(key)).toBe((versionsBefore.get(key) ?? 0) + 1);
          } else {
            expect(docAfter.values[code]?.[region], key).toBe(docBefore.values[code]?.[region]);
            expect(versionsAfter.get(key), key).toBe(versionsBefore.get(key));
          }
        }
      },
    );

    it.each(DEPARTMENT_ACCOUNTS)(
      "$account answers exactly its own department's work items",
      async ({ account, department }) => {
        const session = await sessionOf(account);
        const before = await versions();
        const responses = await Promise.all(
          FRAMEWORK.workItems.map((item) =>
            send(session, {
              method: "PUT",
              url: `${YEAR}/work/${item.code}`,
              payload: {
                awarded: { [item.criteria[0]!.code]: 0 },
                version: before.get(`work/${item.code}`) ?? 0,
              },
            }),
          ),
        );
        const codes = FRAMEWORK.workItems.map(({ code }) => code);
        expect(
          Object.fromEntries(codes.map((code, i) => [code, responses[i]!.statusCode])),
        ).toEqual(
          Object.fromEntries(
            FRAMEWORK.workItems.map((item) => [
              item.code,
              item.department === department ? 200 : 403,
            ]),
          ),
        );
        const after = await versions();
        for (const item of FRAMEWORK.workItems) {
          const key = `work/${item.code}`;
          const bump = item.department === department ? 1 : 0;
          expect(after.get(key), key).toBe(before.get(key)! + bump);
        }
      },
    );

    it.each(DEPARTMENT_ACCOUNTS)(
      "$account lists only its own department's items",
      async ({ account, department }) => {
        const session = await sessionOf(account);
        const statuses: Record<string, number> = {};
        const expectedStatuses: Record<string, number> = {};
        for (const { code } of FRAMEWORK.departments) {
          const response = await send(session, {
            method: "GET",
            url: `${YEAR}/items?department=${code}`,
          });
          statuses[code] = response.statusCode;
          expectedStatuses[code] = code === department ? 200 : 403;
        }
        const unknown = await send(session, {
          method: "GET",
          url: `${YEAR}/items?department=NOPE`,
        });
        statuses.NOPE = unknown.statusCode;
        expectedStatuses.NOPE = 403;
        expect(statuses).toEqual(expectedStatuses);

        const own = (
          await send(session, { method: "GET", url: `${YEAR}/items` })
        ).json() as ItemsDoc;
        const departments = new Set([
          ...own.indicators.map((indicator) => indicator.department),
          ...own.workItems.map((item) => item.department),
        ]);
        expect([...departments]).toEqual([department]);
      },
    );
  });

  describe("CSRF: a state-changing request needs the session's own X-CSRF-Token", () => {
    const WRITES: { name: string; route: string; department: string }[] = [
      {
        name: "a figure",
        route: "PUT /api/cycles/:year/values/:element/:region",
        department: "EDU",
      },
      { name: "a work answer", route: "PUT /api/cycles/:year/work/:item", department: "EDU" },
      { name: "an evidence upload", route: "POST /api/cycles/:year/evidence", department: "EDU" },
      { name: "a comment", route: "POST /api/cycles/:year/comments", department: "EDU" },
      {
        name: "clearing a figure",
        route: "DELETE /api/cycles/:year/values/:element/:region",
        department: "EDU",
      },
    ];
    const CASES = WRITES.flatMap((write) =>
      (["missing", "wrong", "foreign"] as const).map((csrf) => ({ ...write, csrf })),
    );

    // The office may write all of these, so a refusal can only come from the token.
    it.each(CASES)("$name with the token $csrf → 403, nothing stored", async (row) => {
      const probe = PROBES[row.route]!;
      const resource = RESOURCES[row.department]!;
      const session = await sessionOf("office");
      if (probe.prepare) await probe.prepare(resource, "office");
      const before = await probe.state!(resource);
      const response = await send(session, await probe.request(resource, "office"), row.csrf);
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toContain("CSRF");
      expect(await probe.state!(resource)).toEqual(before);

      const control = await send(session, await probe.request(resource, "office"), "valid");
      expect(control.statusCode).toBeLessThan(300);
    });

    it.each(["missing", "wrong"] as const)(
      "logout with the token %s → 403, and the session still works",
      async (csrf) => {
        const session = await signIn("leader");
        const response = await send(session, { method: "POST", url: "/api/auth/logout" }, csrf);
        expect(response.statusCode).toBe(403);
        expect((await send(session, { method: "GET", url: "/api/me" })).statusCode).toBe(200);
      },
    );

    it("a percent-encoded path does not skip authentication or the token check", async () => {
      const session = await sessionOf("office");
      const url = `/%61pi/cycles/2025/values/PRIMARY_ENROLLED/HC`;
      const before = await valueState("PRIMARY_ENROLLED", "HC");
      const response = await send(
        session,
        { method: "PUT", url, payload: { value: 1, version: before.version } },
        "missing",
      );
      expect([401, 403, 404]).toContain(response.statusCode);
      expect(await valueState("PRIMARY_ENROLLED", "HC")).toEqual(before);
    });
  });

  describe("unauthenticated: no cookie, a made-up cookie, or a signed-out session", () => {
    const protectedRows = MATRIX.filter((row) => row.account === null && row.expected === 401);

    it.each(protectedRows)("$label, with a made-up cookie", async (row) => {
      const resource = row.department === undefined ? undefined : RESOURCES[row.department];
      const request = await PROBES[row.route]!.request(resource, null);
      const fake = { cookie: randomBytes(32).toString("base64url"), csrfToken: "x" };
      expect((await send(fake, request)).statusCode).toBe(401);
    });

    it.each(protectedRows)("$label, with a signed-out session's cookie", async (row) => {
      const resource = row.department === undefined ? undefined : RESOURCES[row.department];
      const session = await signIn("admin");
      const logout = await send(session, { method: "POST", url: "/api/auth/logout" });
      expect(logout.statusCode).toBe(204);
      const request = await PROBES[row.route]!.request(resource, null);
      expect((await send(session, request)).statusCode).toBe(401);
    });
  });
});

/** The routes the server serves under /api, as "METHOD /path" (HEAD left out: it mirrors GET). */
function servedRoutes(app: FastifyInstance): string[] {
  const paths: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^([│ ]*[├└]── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (paths[depth - 1] ?? "") + match[2]!;
    paths[depth] = path;
    if (!path.startsWith("/api/") || !match[3]) continue;
    for (const method of match[3].split(", ")) {
      if (method !== "HEAD") routes.push(`${method} ${path}`);
    }
  }
  return routes;
}
