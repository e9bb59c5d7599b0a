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
import { addUser } from "../../src/server/users/manage-users";
import { DIALECTS, startHarness, TEST_PASSWORD, type Harness } from "../support/server-harness";
import { call, sessionFrom, signIn, totpAt, verifyCode } from "./login-helpers";

const PASSWORD = "Strong-Pass-2025";

describe.each(DIALECTS)("who must use a second factor, on %s", (dialect) => {
  describe("with enforcement on (the default)", () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await startHarness(dialect);
      await addUser(harness.deps, "test", {
        username: "zhou.clerk",
        password: PASSWORD,
        role: "dept_clerk",
        department: "EDU",
      });
    });
    afterAll(() => harness.close());

    it.each(["admin", "office", "auditor"])(
      "lets the demo account %s in with the printed password alone, and says why",
      async (username) => {
        const response = await signIn(harness.app, username, TEST_PASSWORD);
        expect(response.statusCode).toBe(200);
        expect(response.json().twoFactor).toEqual({
          required: false,
          enrolled: false,
          exemptReason: "demo",
          setupRequired: false,
        });
        const session = sessionFrom(response);
        expect((await call(harness.app, session, "GET", "/api/cycles")).statusCode).toBe(200);
      },
    );

    it("does not hold the other roles to it", async () => {
      const response = await signIn(harness.app, "zhou.clerk", PASSWORD);
      expect(response.statusCode).toBe(200);
      expect(response.json().twoFactor).toMatchObject({ required: false, setupRequired: false });
      expect(
        (await call(harness.app, sessionFrom(response), "GET", "/api/cycles")).statusCode,
      ).toBe(200);
    });

    it("asks for the code of anyone who turned it on, whatever the role", async () => {
      const session = sessionFrom(await signIn(harness.app, "zhou.clerk", PASSWORD));
      const { secret } = (await call(harness.app, session, "POST", "/api/auth/2fa/setup")).json();
      await call(harness.app, session, "POST", "/api/auth/2fa/confirm", {
        code: await totpAt(secret, harness.clock.now()),
      });
      harness.clock.advance(30_000);
      const first = await signIn(harness.app, "zhou.clerk", PASSWORD);
      expect(first.statusCode).toBe(202);
      const second = await verifyCode(
        harness.app,
        first.json().challenge,
        await totpAt(secret, harness.clock.now()),
      );
      expect(second.statusCode).toBe(200);
      expect(second.json().twoFactor).toMatchObject({ required: false, enrolled: true });
    });
  });

  describe("with KAOPING_REQUIRE_2FA=0", () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await startHarness(dialect, { requireTwoFactor: false });
      await addUser(harness.deps, "test", {
        username: "qian.admin",
        password: PASSWORD,
        role: "admin",
      });
    });
    afterAll(() => harness.close());

    it("lets a new admin work with the password alone", async () => {
      const response = await signIn(harness.app, "qian.admin", PASSWORD);
      expect(response.statusCode).toBe(200);
      expect(response.json().twoFactor).toEqual({
        required: false,
        enrolled: false,
        exemptReason: null,
        setupRequired: false,
      });
      expect(
        (await call(harness.app, sessionFrom(response), "GET", "/api/cycles")).statusCode,
      ).toBe(200);
    });
  });
});

describe("KAOPING_REQUIRE_2FA and kaoping users reset-2fa", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-2fa-"));
  const env = {
    KAOPING_DATA_DIR: dataDir,
    KAOPING_SECRET_KEY: randomBytes(32).toString("hex"),
    DATABASE_URL: "",
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("reads the setting from the environment: on unless 0", async () => {
    for (const [value, expected] of [
      [undefined, true],
      ["1", true],
      ["0", false],
      ["false", false],
    ] as const) {
      const composed = await composeFromEnvironment({ ...env, KAOPING_REQUIRE_2FA: value });
      expect(composed.deps.config.requireTwoFactor, String(value)).toBe(expected);
      await composed.db.close();
    }
  });

  it("resets an account's second factor from the server's console", async () => {
    const clock = manualClock(new Date());
    const { db, deps } = await composeFromEnvironment(env, {
      clock,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    });
    await seedDemoIfEmpty(deps, demoFiles(), TEST_PASSWORD);
    await addUser(deps, "test", { username: "zheng.office", password: PASSWORD, role: "office" });
    const app = await buildApp(deps);
    try {
      const session = sessionFrom(await signIn(app, "zheng.office", PASSWORD));
      const { secret } = (await call(app, session, "POST", "/api/auth/2fa/setup")).json();
      await call(app, session, "POST", "/api/auth/2fa/confirm", {
        code: await totpAt(secret, clock.now()),
      });
      expect((await signIn(app, "zheng.office", PASSWORD)).statusCode).toBe(202);

      const run = await runCli(["users", "reset-2fa", "zheng.office"], env);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toContain("已重置用户 zheng.office 的双因素登录");
      expect((await call(app, session, "GET", "/api/me")).statusCode).toBe(401);
      const next = await signIn(app, "zheng.office", PASSWORD);
      expect(next.statusCode).toBe(200);
      expect(next.json().twoFactor.setupRequired).toBe(true);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
