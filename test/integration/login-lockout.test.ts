import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { demoFiles } from "../../src/platform/package-files";
import { manualClock } from "../../src/server/clock";
import { composeFromEnvironment } from "../../src/server/compose";
import { buildApp } from "../../src/server/http/app";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { DIALECTS, startHarness, TEST_PASSWORD, type Harness } from "../support/server-harness";
import { cookieOf, signIn } from "./login-helpers";

const MINUTE = 60_000;
const WRONG = "Wrong-Pass-2025!";

describe.each(DIALECTS)(
  "lock-out that stops guessing but keeps the real user in, on %s",
  (dialect) => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await startHarness(dialect);
    });
    afterAll(() => harness.close());

    /** The real user's browser: signs in once, keeps the device cookie it was given. */
    async function trustedBrowser(username: string, address: string) {
      const first = await signIn(harness.app, username, TEST_PASSWORD, { address });
      expect(first.statusCode).toBe(200);
      const device = cookieOf(first, "kaoping_device");
      expect(device).toBeTruthy();
      return { address, device: device! };
    }

    const locksOf = async (username: string) => {
      const office = await harness.as("office");
      const { locks } = (await office.get("/api/users/locks")).json() as {
        locks: { username: string; scope: string; failures: number; lockedUntil: string }[];
      };
      return locks.filter((lock) => lock.username === username);
    };

    it("gives the device cookie httpOnly, SameSite=Strict, only to the sign-in routes", async () => {
      const response = await signIn(harness.app, "leader", TEST_PASSWORD, { address: "10.5.0.1" });
      expect(response.cookies.find((cookie) => cookie.name === "kaoping_device")).toMatchObject({
        httpOnly: true,
        sameSite: "Strict",
        path: "/api/auth",
      });
    });

    it("50 failures from another address lock neither the real user's browser nor, after the lock time, the account", async () => {
      const browser = await trustedBrowser("health-clerk", "10.6.0.1");

      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) {
        const answer = await signIn(harness.app, "health-clerk", `${WRONG}${i}`, {
          address: "10.66.0.1",
        });
        statuses.push(answer.statusCode);
      }
      // The address budget (20) runs out first; everything after is turned away unchecked.
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array(30).fill(429));
      expect(await locksOf("health-clerk")).toEqual([
        expect.objectContaining({ scope: "untrusted", failures: 20 }),
      ]);

      // Once locked, guessing cannot succeed: the right password from elsewhere is refused.
      const guessed = await signIn(harness.app, "health-clerk", TEST_PASSWORD, {
        address: "10.66.0.2",
      });
      expect(guessed.statusCode).toBe(401);
      const newBrowser = await signIn(harness.app, "health-clerk", TEST_PASSWORD, {
        address: "10.6.0.2",
      });
      expect(newBrowser.statusCode).toBe(401);

      // The browser the user signed in with before is not locked.
      expect((await signIn(harness.app, "health-clerk", TEST_PASSWORD, browser)).statusCode).toBe(
        200,
      );

      // Nor is the account, once the lock time has passed.
      harness.clock.advance(15 * MINUTE + 1000);
      const later = await signIn(harness.app, "health-clerk", TEST_PASSWORD, {
        address: "10.6.0.3",
      });
      expect(later.statusCode).toBe(200);
    });

    it("a trusted browser that fails too often locks itself, not the account", async () => {
      const browser = await trustedBrowser("culture-clerk", "10.7.0.1");
      for (let i = 0; i < 5; i++) {
        expect((await signIn(harness.app, "culture-clerk", WRONG, browser)).statusCode).toBe(401);
      }
      expect((await signIn(harness.app, "culture-clerk", TEST_PASSWORD, browser)).statusCode).toBe(
        401,
      );
      expect(await locksOf("culture-clerk")).toEqual([
        expect.objectContaining({ scope: "device", failures: 6 }),
      ]);
      const elsewhere = await signIn(harness.app, "culture-clerk", TEST_PASSWORD, {
        address: "10.7.0.2",
      });
      expect(elsewhere.statusCode).toBe(200);
    });

    it("does not trust a device cookie signed for another account, or made up", async () => {
      const other = await trustedBrowser("sport-clerk", "10.8.0.1");
      const forged = `${Math.floor(harness.clock.now().getTime() / 1000).toString(36)}.${randomBytes(16).toString("base64url")}.${randomBytes(16).toString("base64url")}`;
      for (const device of [other.device, forged]) {
        for (let i = 0; i < 5; i++) {
          await signIn(harness.app, "civil-clerk", WRONG, { address: "10.8.0.9", device });
        }
      }
      expect(await locksOf("civil-clerk")).toEqual([
        expect.objectContaining({ scope: "untrusted", failures: 10 }),
      ]);
      harness.clock.advance(15 * MINUTE + 1000);
    });

    it("answers 429 with Retry-After and a message in the request's language", async () => {
      const answers = [];
      for (let i = 0; i < 21; i++) {
        answers.push(await signIn(harness.app, `nobody-${i}`, WRONG, { address: "10.9.0.1" }));
      }
      const limited = answers[20]!;
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(limited.json()).toEqual({
        error: "too_many_requests",
        message: expect.stringContaining("登录尝试过于频繁"),
      });
      const english = await signIn(harness.app, "nobody", WRONG, {
        address: "10.9.0.1",
        lang: "en",
      });
      expect(english.json().message).toContain("too many sign-in attempts");
      // Another address is not held back.
      expect((await signIn(harness.app, "nobody", WRONG, { address: "10.9.0.2" })).statusCode).toBe(
        401,
      );
      harness.clock.advance(5 * MINUTE + 1000);
      expect((await signIn(harness.app, "nobody", WRONG, { address: "10.9.0.1" })).statusCode).toBe(
        401,
      );
    });

    it("limits attempts on one account from many addresses, but not from the user's browser", async () => {
      const browser = await trustedBrowser("hrss-clerk", "10.10.0.1");
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const answer = await signIn(harness.app, "hrss-clerk", WRONG, { address: `10.11.${i}.1` });
        statuses.push(answer.statusCode);
      }
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
      expect(statuses[30]).toBe(429);
      expect((await signIn(harness.app, "hrss-clerk", TEST_PASSWORD, browser)).statusCode).toBe(
        200,
      );
      harness.clock.advance(15 * MINUTE + 1000);
    });

    it("forgets the counts of names nobody has tried for the lock time", async () => {
      const rows = (prefix: string) =>
        harness.db.db
          .selectFrom("login_throttle")
          .select("key")
          .where("username", "like", `${prefix}%`)
          .execute();
      await signIn(harness.app, "stale-name-1", WRONG, { address: "10.15.0.1" });
      expect(await rows("stale-name")).toHaveLength(1);
      harness.clock.advance(15 * MINUTE - 1000);
      await signIn(harness.app, "leader", TEST_PASSWORD, { address: "10.15.0.2" });
      expect(await rows("stale-name")).toHaveLength(1);
      harness.clock.advance(2000);
      await signIn(harness.app, "leader", TEST_PASSWORD, { address: "10.15.0.2" });
      expect(await rows("stale-name")).toEqual([]);
    });

    it("does not spend the budget of an address on sign-ins that succeed", async () => {
      for (let i = 0; i < 25; i++) {
        const answer = await signIn(harness.app, "leader", TEST_PASSWORD, { address: "10.12.0.1" });
        expect(answer.statusCode).toBe(200);
      }
    });

    it("lets admin and office see the locks and lift them (audited), and nobody else", async () => {
      for (let i = 0; i < 5; i++) {
        await signIn(harness.app, "edu-head", WRONG, { address: `10.13.0.${i}` });
      }
      const office = await harness.as("office");
      const { locks } = (await office.get("/api/users/locks")).json();
      const lock = locks.find(
        (candidate: { username: string }) => candidate.username === "edu-head",
      );
      const now = harness.clock.now().toISOString();
      expect(lock).toEqual({
        username: "edu-head",
        displayName: expect.stringContaining("（示例）"),
        scope: "untrusted",
        failures: 5,
        lockedAt: now,
        lockedUntil: new Date(harness.clock.now().getTime() + 15 * MINUTE).toISOString(),
        lastAttemptAt: now,
      });

      for (const who of ["leader", "auditor", "edu-clerk"]) {
        const client = await harness.as(who);
        expect((await client.get("/api/users/locks")).statusCode, who).toBe(403);
        expect((await client.post("/api/users/edu-head/unlock")).statusCode, who).toBe(403);
      }
      expect(await locksOf("edu-head")).toHaveLength(1);

      const admin = await harness.as("admin");
      expect((await admin.post("/api/users/no-such-user/unlock")).statusCode).toBe(404);
      const lifted = await admin.post("/api/users/edu-head/unlock");
      expect(lifted.json()).toEqual({ username: "edu-head", liftedLocks: 1 });
      expect(await locksOf("edu-head")).toEqual([]);
      const audit = await harness.db.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "user.unlock")
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor: "admin", object_id: "edu-head" });
      expect(JSON.parse(audit.before!)).toEqual([
        expect.objectContaining({ scope: "untrusted", failures: 5 }),
      ]);
      expect(
        (await signIn(harness.app, "edu-head", TEST_PASSWORD, { address: "10.13.1.1" })).statusCode,
      ).toBe(200);
    });
  },
);

describe("kaoping users unlock", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-unlock-"));
  const env = {
    KAOPING_DATA_DIR: dataDir,
    KAOPING_SECRET_KEY: randomBytes(32).toString("hex"),
    DATABASE_URL: "",
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("lifts the lock from the server's console, and says so", async () => {
    // The command reads the system clock; the app here starts from the same time.
    const clock = manualClock(new Date());
    const { db, deps } = await composeFromEnvironment(env, {
      clock,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    });
    await seedDemoIfEmpty(deps, demoFiles(), TEST_PASSWORD);
    const app = await buildApp(deps);
    try {
      for (let i = 0; i < 5; i++)
        await signIn(app, "fin-clerk", WRONG, { address: `10.14.0.${i}` });
      expect((await signIn(app, "fin-clerk", TEST_PASSWORD)).statusCode).toBe(401);

      const run = await runCli(["users", "unlock", "fin-clerk"], env);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toContain("已解除用户 fin-clerk 的登录锁定（1 处）");
      expect((await signIn(app, "fin-clerk", TEST_PASSWORD)).statusCode).toBe(200);

      const unknown = await runCli(["users", "unlock", "no-such-user", "--lang", "en"], env);
      expect(unknown).toMatchObject({ code: 1, stdout: "" });
      expect(unknown.stderr).toContain("there is no user no-such-user");
    } finally {
      await app.close();
      await db.close();
    }
  });
});
