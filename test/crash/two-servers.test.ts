import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotBundle, type BundleSnapshot } from "./bundle-snapshot";
import { createCrashDatabase, type CrashDatabase } from "./crash-database";
import { endpoint, json, send, sessionCookie, type Endpoint, type Reply } from "./http";
import { CRASH_PASSWORD, ROOT, startServerProcess, type ServerProcess } from "./server-process";

/**
 * Two real `kaoping serve` processes over one PostgreSQL database, as two servers behind
 * a load balancer run: a workflow step taken through one is enforced by the other at its
 * very next write, because the lock rule reads the state inside the writing transaction
 * and nothing of it is cached. (The integration suite's twin apps test the same in one
 * process with an injected clock; here nothing is shared but the database.)
 */

interface Session {
  cookie: string;
  csrf: string;
}

const YEAR = "/api/cycles/2025";

async function signIn(server: Endpoint, username: string): Promise<Session> {
  const reply = await send(
    server,
    "POST",
    "/api/auth/login",
    json({ username, password: CRASH_PASSWORD }),
  );
  if (reply.status !== 200)
    throw new Error(`sign-in as ${username}: ${reply.status} ${reply.body}`);
  return {
    cookie: sessionCookie(reply)!,
    csrf: (JSON.parse(reply.body) as { csrfToken: string }).csrfToken,
  };
}

function call(server: Endpoint, session: Session, method: string, path: string, body?: unknown) {
  return send(server, method, path, body === undefined ? undefined : json(body), {
    cookie: session.cookie,
    "x-csrf-token": session.csrf,
  });
}

const parsed = <T>(reply: Reply) => JSON.parse(reply.body) as T;

const onPostgres = process.env.KAOPING_TEST_SKIP_POSTGRES === "1" ? describe.skip : describe;

onPostgres("two server processes on one PostgreSQL database", () => {
  let bundle: BundleSnapshot;
  let database: CrashDatabase;
  const processes: ServerProcess[] = [];
  let a: Endpoint;
  let b: Endpoint;

  beforeAll(async () => {
    bundle = await snapshotBundle(ROOT);
    database = await createCrashDatabase("postgres");
    // The first seeds the demo; the second starts once it has, on the same database.
    processes.push(startServerProcess(bundle.entry, database));
    a = endpoint(await processes[0]!.ready);
    processes.push(startServerProcess(bundle.entry, database));
    b = endpoint(await processes[1]!.ready);
  });

  afterAll(async () => {
    for (const process of processes) await process.kill();
    await database?.drop();
    bundle?.remove();
  });

  it("enforces on B a submission, a return and an aggregation made through A", async () => {
    const headOnA = await signIn(a, "gov-head");
    const clerkOnB = await signIn(b, "gov-clerk");
    const officeOnA = await signIn(a, "office");
    const officeOnB = await signIn(b, "office");

    // GOV answers work items only: its clerk saves one on B.
    const items = parsed<{ workItems: { code: string; criteria: { code: string }[] }[] }>(
      await call(b, clerkOnB, "GET", `${YEAR}/items?department=GOV`),
    );
    const item = items.workItems[0]!;
    const answer = (version: number) =>
      call(b, clerkOnB, "PUT", `${YEAR}/work/${item.code}`, {
        awarded: { [item.criteria[0]!.code]: 0 },
        explanation: "两台服务器",
        version,
      });
    const current = async () =>
      parsed<{ workItems: { code: string; answer: { version: number } | null }[] }>(
        await call(b, clerkOnB, "GET", `${YEAR}/items?department=GOV`),
      ).workItems.find((candidate) => candidate.code === item.code)!.answer?.version ?? 0;
    expect((await answer(await current())).status).toBe(200);

    // The head submits through A; B refuses the clerk's very next write as submitted.
    const checks = parsed<{ declaration: string }>(
      await call(a, headOnA, "GET", `${YEAR}/departments/GOV/checks`),
    );
    const submitted = await call(a, headOnA, "POST", `${YEAR}/departments/GOV/submit`, {
      declaration: checks.declaration,
    });
    expect(submitted.status).toBe(200);
    const refused = await answer(await current());
    expect(refused.status).toBe(423);
    expect(parsed<{ lock: { kind: string } }>(refused).lock.kind).toBe("submitted");

    // The office returns it through B; A's state and B's writes follow at once.
    const returned = await call(b, officeOnB, "POST", `${YEAR}/departments/GOV/return`, {
      reasons: [{ item: { kind: "workItem", code: item.code }, reason: "请补充说明" }],
    });
    expect(returned.status).toBe(200);
    expect((await answer(await current())).status).toBe(200);

    // Aggregated through A (with a reason: the others are not accepted): B refuses the
    // office too; reopened through B, A lets the clerk's department write again.
    const aggregated = await call(a, officeOnA, "POST", `${YEAR}/aggregate`, {
      overrideReason: "两台服务器的测试",
    });
    expect(aggregated.status).toBe(200);
    const afterAggregation = await answer(await current());
    expect(afterAggregation.status).toBe(423);
    expect(parsed<{ lock: { kind: string } }>(afterAggregation).lock.kind).toBe("aggregated");
    expect((await call(b, officeOnB, "POST", `${YEAR}/reopen`, { reason: "更正" })).status).toBe(
      204,
    );
    const clerkOnA = await signIn(a, "gov-clerk");
    const again = await call(a, clerkOnA, "PUT", `${YEAR}/work/${item.code}`, {
      awarded: { [item.criteria[0]!.code]: 0 },
      explanation: "重新开放后",
      version: await current(),
    });
    expect(again.status).toBe(200);
  });
});
