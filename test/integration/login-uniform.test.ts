import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { KyselyPlugin, OperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_KEY_PURPOSE } from "../../src/server/audit/audit-chain";
import type { PasswordHasher } from "../../src/server/auth/passwords";
import { buildApp } from "../../src/server/http/app";
import { createRepositories } from "../../src/server/repositories";
import { disableUser } from "../../src/server/users/manage-users";
import { DIALECTS, startHarness, TEST_PASSWORD, type Harness } from "../support/server-harness";
import { signIn } from "./login-helpers";

/** Counts what the hasher is asked to do; verifying is the one expensive step of a sign-in. */
function countingHasher(inner: PasswordHasher) {
  const counts = { hash: 0, verify: 0 };
  const hasher: PasswordHasher = {
    hash: (password) => {
      counts.hash++;
      return inner.hash(password);
    },
    verify: (hash, password) => {
      counts.verify++;
      return inner.verify(hash, password);
    },
  };
  return { hasher, counts };
}

/** The first table a statement names, found anywhere in its tree. */
function firstTable(node: unknown): string {
  if (!node || typeof node !== "object") return "";
  const candidate = node as { kind?: string; table?: { identifier?: { name?: string } } };
  if (candidate.kind === "TableNode") return candidate.table?.identifier?.name ?? "";
  for (const value of Object.values(node)) {
    const found = firstTable(value);
    if (found) return found;
  }
  return "";
}

/** Records each statement as "kind table" (e.g. "InsertQueryNode login_throttle"). */
function statementRecorder(log: string[]): KyselyPlugin {
  return {
    transformQuery(args) {
      const node = args.node as OperationNode;
      log.push(`${node.kind} ${firstTable(node)}`);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

interface Observed {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
  verifies: number;
  hashes: number;
  statements: string[];
  auditRows: number;
}

describe.each(DIALECTS)("one answer to every refused sign-in on %s", (dialect) => {
  let harness: Harness;
  let app: FastifyInstance;
  let counts: { hash: number; verify: number };
  const statements: string[] = [];
  let hashesAtBuild = 0;
  let address = 0;

  // The chain's head seq is the number of audit rows (the chain verifies in these tests).
  const auditCount = async () => (await harness.deps.repos.audit.head()).seq;

  async function observe(username: string, password: string): Promise<Observed> {
    const auditBefore = await auditCount();
    statements.length = 0;
    counts.hash = 0;
    counts.verify = 0;
    const response = await signIn(app, username, password, { address: `10.3.0.${++address}` });
    // The one header that may differ: the clock ticks between requests.
    const headers: Record<string, unknown> = { ...response.headers };
    delete headers.date;
    return {
      status: response.statusCode,
      body: response.json(),
      headers,
      verifies: counts.verify,
      hashes: counts.hash,
      statements: [...statements],
      auditRows: (await auditCount()) - auditBefore,
    };
  }

  beforeAll(async () => {
    harness = await startHarness(dialect);
    const counting = countingHasher(harness.deps.passwords);
    counts = counting.counts;
    const recording = {
      ...harness.db,
      db: harness.db.db.withPlugin(statementRecorder(statements)),
    };
    app = await buildApp({
      ...harness.deps,
      passwords: counting.hasher,
      repos: createRepositories(recording, harness.deps.secrets.derive(AUDIT_KEY_PURPOSE)),
    });
    hashesAtBuild = counts.hash;
    await disableUser(harness.deps, "test", "culture-head");
    for (let i = 0; i < 5; i++) {
      await signIn(app, "sport-head", "Wrong-Pass-2025!", { address: `10.4.0.${i}` });
    }
  });
  afterAll(async () => {
    await app.close();
    await harness.close();
  });

  it("answers an unknown name, a wrong password, a disabled and a locked account alike, doing the same work", async () => {
    const cases = {
      "unknown user": await observe("no-such-user", "Wrong-Pass-2025!"),
      "wrong password": await observe("edu-head", "Wrong-Pass-2025!"),
      "disabled account, right password": await observe("culture-head", TEST_PASSWORD),
      "locked account, right password": await observe("sport-head", TEST_PASSWORD),
    };
    const reference = cases["wrong password"];
    expect(reference.status).toBe(401);
    expect(reference.statements).toContain("InsertQueryNode login_throttle");
    for (const [name, observed] of Object.entries(cases)) {
      expect({ name, ...observed }).toEqual({ name, ...reference });
      expect(observed.verifies, name).toBe(1);
      expect(observed.hashes, name).toBe(0);
      expect(observed.auditRows, name).toBe(1);
    }
  });

  it("makes the decoy hash when the app starts, not during a sign-in", () => {
    expect(hashesAtBuild).toBe(1);
  });

  it.each([
    ["a lone surrogate", "ghost\ud800", "ghost\\u{D800}"],
    ["NUL", "adm\u0000in", "adm\\u{0}in"],
    ["a bidi override", "admin\u202e", "admin\\u{202E}"],
  ])(
    "answers a name holding %s like any failed sign-in, and audits it as typed, escaped",
    async (_what, username, escaped) => {
      const wrong = await observe("edu-head", "Wrong-Pass-2025!");
      const odd = await observe(username, TEST_PASSWORD);
      expect({ status: odd.status, body: odd.body, headers: odd.headers }).toEqual({
        status: wrong.status,
        body: wrong.body,
        headers: wrong.headers,
      });
      expect(odd.statements).toEqual(wrong.statements);
      const row = await harness.db.db
        .selectFrom("audit_log")
        .selectAll()
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        actor: "anonymous",
        action: "auth.login_failed",
        object_type: "unknown_user",
        object_id: escaped,
      });
      expect(JSON.parse(row.after!)).toMatchObject({
        reason: "unknown user",
        username: escaped,
        usernameEscaped: true,
      });
    },
  );

  it("keeps the audit chain intact through all of it", async () => {
    const auditor = await harness.as("auditor");
    const verdict: LightMyRequestResponse = await auditor.get("/api/audit/verify");
    expect(verdict.json()).toMatchObject({ intact: true });
  });
});
