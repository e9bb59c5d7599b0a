import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_RATE } from "../../src/server/auth/session-policy";
import { resetPassword } from "../../src/server/users/manage-users";
import { DIALECTS, startHarness, TEST_PASSWORD, type Harness } from "../support/server-harness";
import { sessionFrom, signIn, type TestSession } from "./login-helpers";

const TEMPORARY = "Temp-Given-2026!";
const CHOSEN = "Mine-Only-2026#";

describe.each(DIALECTS)("the forced password change on %s", (dialect) => {
  let harness: Harness;

  function send(
    session: TestSession,
    method: "GET" | "POST" | "PUT" | "PATCH",
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> {
    return harness.app.inject({
      method,
      url,
      cookies: { kaoping_session: session.cookie },
      headers: { "x-csrf-token": session.csrfToken },
      ...(payload ? { payload } : {}),
    });
  }

  async function signedIn(username: string, password: string): Promise<TestSession> {
    const response = await signIn(harness.app, username, password);
    expect(response.statusCode, response.body).toBe(200);
    return sessionFrom(response);
  }

  /** An account made by the admin through the API, holding the password the admin gave. */
  async function createdByAdmin(username: string, role: string, departmentCode?: string) {
    const admin = await harness.as("admin");
    const created = await admin.post("/api/users", {
      username,
      displayName: `${username} 测试`,
      role,
      ...(departmentCode ? { departmentCode } : {}),
      password: TEMPORARY,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);
  }

  const auditRows = (action: string, objectId: string) =>
    harness.db.db
      .selectFrom("audit_log")
      .select(["actor", "before", "after"])
      .where("action", "=", action)
      .where("object_id", "=", objectId)
      .execute();

  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(() => harness.close());

  it("says so at sign-in and in /api/me, and refuses every other route with password_change_required", async () => {
    await createdByAdmin("wu.clerk", "dept_clerk", "EDU");
    const login = await signIn(harness.app, "wu.clerk", TEMPORARY);
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
    const session = sessionFrom(login);

    const me = await send(session, "GET", "/api/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);

    const refused = [
      await send(session, "GET", "/api/cycles"),
      await send(session, "GET", "/api/cycles/2025/items"),
      await send(session, "PUT", "/api/cycles/2025/values/PRIMARY_ENROLLED/HC", {
        value: 1,
        version: 1,
      }),
      await send(session, "POST", "/api/auth/2fa/setup"),
    ];
    for (const response of refused) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error).toBe("password_change_required");
      expect(response.json().message).toContain("须先修改");
    }
    // Nothing was written by the refused save.
    const figure = await harness.db.db
      .selectFrom("data_values")
      .select("updated_by")
      .where("element_code", "=", "PRIMARY_ENROLLED")
      .where("region_code", "=", "HC")
      .executeTakeFirstOrThrow();
    expect(figure.updated_by).not.toBe("wu.clerk");

    const english = await harness.app.inject({
      method: "GET",
      url: "/api/cycles",
      cookies: { kaoping_session: session.cookie },
      headers: { "accept-language": "en" },
    });
    expect(english.json().message).toContain("POST /api/auth/password");

    expect((await send(session, "POST", "/api/auth/logout")).statusCode).toBe(204);
  });

  it("refuses a wrong current password (audited), the same password again and a weak one", async () => {
    const session = await signedIn("wu.clerk", TEMPORARY);
    const wrong = await send(session, "POST", "/api/auth/password", {
      currentPassword: "Not-The-Password-1",
      newPassword: CHOSEN,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: "invalid", field: "currentPassword" });
    expect(await auditRows("auth.password_change_failed", "wu.clerk")).toHaveLength(1);

    const same = await send(session, "POST", "/api/auth/password", {
      currentPassword: TEMPORARY,
      newPassword: TEMPORARY,
    });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ field: "newPassword" });
    expect(same.json().message).toContain("不能与当前密码相同");

    const weak = await send(session, "POST", "/api/auth/password", {
      currentPassword: TEMPORARY,
      newPassword: "password12",
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({ field: "newPassword" });

    // Still held to the change: none of the refusals cleared it.
    expect((await send(session, "GET", "/api/cycles")).statusCode).toBe(403);
    expect((await signIn(harness.app, "wu.clerk", TEMPORARY)).statusCode).toBe(200);
  });

  it("clears the mark, keeps this session, ends the others, and only the new password signs in", async () => {
    const kept = await signedIn("wu.clerk", TEMPORARY);
    const other = await signedIn("wu.clerk", TEMPORARY);
    const changed = await send(kept, "POST", "/api/auth/password", {
      currentPassword: TEMPORARY,
      newPassword: CHOSEN,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ mustChangePassword: false });
    expect(changed.json().otherSessionsEnded).toBeGreaterThanOrEqual(1);

    expect((await send(kept, "GET", "/api/me")).json().mustChangePassword).toBe(false);
    expect((await send(kept, "GET", "/api/cycles")).statusCode).toBe(200);
    expect((await send(other, "GET", "/api/me")).statusCode).toBe(401);

    expect((await signIn(harness.app, "wu.clerk", TEMPORARY)).statusCode).toBe(401);
    const fresh = await signIn(harness.app, "wu.clerk", CHOSEN);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().mustChangePassword).toBe(false);

    const [row] = await auditRows("auth.password_change", "wu.clerk");
    expect(row!.actor).toBe("wu.clerk");
    expect(JSON.parse(row!.before!)).toEqual({ mustChangePassword: true });
    expect(JSON.parse(row!.after!)).toEqual({ mustChangePassword: false });
  });

  it("takes a new account of a two-factor role through the change first, then the second factor", async () => {
    await createdByAdmin("qian.office", "office");
    const login = await signIn(harness.app, "qian.office", TEMPORARY);
    expect(login.json()).toMatchObject({
      mustChangePassword: true,
      twoFactor: { required: true, setupRequired: true },
    });
    const session = sessionFrom(login);
    const setupFirst = await send(session, "POST", "/api/auth/2fa/setup");
    expect(setupFirst.json().error).toBe("password_change_required");

    const changed = await send(session, "POST", "/api/auth/password", {
      currentPassword: TEMPORARY,
      newPassword: CHOSEN,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const next = await send(session, "GET", "/api/cycles");
    expect(next.statusCode).toBe(403);
    expect(next.json()).toMatchObject({ error: "forbidden", setupRequired: true });
    expect((await send(session, "POST", "/api/auth/2fa/setup")).statusCode).toBe(200);
  });

  it("is set again by an administrator's reset, which also ends the account's sessions", async () => {
    const session = await signedIn("wu.clerk", CHOSEN);
    const admin = await harness.as("admin");
    const reset = await admin.post("/api/users/wu.clerk/password", { password: TEMPORARY });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toEqual({ username: "wu.clerk", mustChangePassword: true });
    expect((await send(session, "GET", "/api/me")).statusCode).toBe(401);

    const again = await signIn(harness.app, "wu.clerk", TEMPORARY);
    expect(again.json().mustChangePassword).toBe(true);
    expect((await send(sessionFrom(again), "GET", "/api/cycles")).statusCode).toBe(403);
  });

  it("is not set by the command line's reset, nor for the demo accounts", async () => {
    await resetPassword(harness.deps, "cli", "wu.clerk", CHOSEN);
    const login = await signIn(harness.app, "wu.clerk", CHOSEN);
    expect(login.json().mustChangePassword).toBe(false);
    expect((await send(sessionFrom(login), "GET", "/api/cycles")).statusCode).toBe(200);

    const demo = await signIn(harness.app, "edu-clerk", TEST_PASSWORD);
    expect(demo.json().mustChangePassword).toBe(false);
  });

  it("lets any signed-in user change their own password", async () => {
    const leader = await harness.as("leader");
    const changed = await leader.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: CHOSEN,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await signIn(harness.app, "leader", CHOSEN)).statusCode).toBe(200);
  });

  it("needs a session and the CSRF token", async () => {
    const body = { currentPassword: TEST_PASSWORD, newPassword: CHOSEN };
    const anonymous = await harness.app.inject({
      method: "POST",
      url: "/api/auth/password",
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    const session = await signedIn("fin-clerk", TEST_PASSWORD);
    const noToken = await harness.app.inject({
      method: "POST",
      url: "/api/auth/password",
      cookies: { kaoping_session: session.cookie },
      payload: body,
    });
    expect(noToken.statusCode).toBe(403);
    expect((await signIn(harness.app, "fin-clerk", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("limits wrong current passwords like sign-in attempts (429)", async () => {
    harness.clock.advance(60 * 60 * 1000);
    const session = await signedIn("health-clerk", TEST_PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_RATE.perAddress.max; i++) {
      const response = await send(session, "POST", "/api/auth/password", {
        currentPassword: `Wrong-Guess-${i}!`,
        newPassword: CHOSEN,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 422).length).toBeLessThanOrEqual(
      SIGN_IN_RATE.perAddress.max,
    );
  });
});
