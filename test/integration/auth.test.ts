import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disableUser } from "../../src/server/users/manage-users";
import { DIALECTS, startHarness, TEST_PASSWORD, type Harness } from "../support/server-harness";

const MINUTE = 60_000;

describe.each(DIALECTS)("accounts and sessions on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(() => harness.close());

  const login = (
    username: string,
    password: string,
    headers: Record<string, string> = {},
    cookies: Record<string, string> = {},
  ) =>
    harness.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username, password },
      headers,
      cookies,
    });
  const me = (token: string) =>
    harness.app.inject({ method: "GET", url: "/api/me", cookies: { kaoping_session: token } });
  const sessionOf = (response: Awaited<ReturnType<typeof login>>) =>
    response.cookies.find((cookie) => cookie.name === "kaoping_session")!;

  it("sets an httpOnly, SameSite=Strict session cookie and returns the CSRF token", async () => {
    const response = await login("office", TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = sessionOf(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(cookie.secure).toBeFalsy();
    const body = response.json();
    expect(body.user).toMatchObject({ username: "office", role: "office", departmentCode: null });
    const current = await me(cookie.value);
    expect(current.json().csrfToken).toBe(body.csrfToken);
    expect(JSON.stringify(current.json())).not.toContain("password");
  });

  it("tells a browser whether it is signed in without a 401", async () => {
    const state = (cookies: Record<string, string> = {}) =>
      harness.app.inject({ method: "GET", url: "/api/auth/session", cookies });
    const anonymous = await state();
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ me: null });
    expect((await state({ kaoping_session: "not-a-session" })).json()).toEqual({ me: null });

    const signedIn = await login("office", TEST_PASSWORD);
    const token = sessionOf(signedIn).value;
    const known = await state({ kaoping_session: token });
    expect(known.statusCode).toBe(200);
    expect(known.json().me).toEqual((await me(token)).json());

    await harness.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      cookies: { kaoping_session: token },
      headers: { "x-csrf-token": signedIn.json().csrfToken },
    });
    expect((await state({ kaoping_session: token })).json()).toEqual({ me: null });
  });

  it("marks the cookie Secure behind TLS", async () => {
    const response = await login("office", TEST_PASSWORD, { "x-forwarded-proto": "https" });
    expect(sessionOf(response).secure).toBeFalsy(); // the proxy is not trusted by default
    const secureHarness = await startHarness("sqlite", { secureCookies: true });
    try {
      const secure = await secureHarness.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "office", password: TEST_PASSWORD },
      });
      expect(secure.cookies.find((cookie) => cookie.name === "kaoping_session")!.secure).toBe(true);
    } finally {
      await secureHarness.close();
    }
  });

  it("refuses a wrong password in the user's language, without saying which part was wrong", async () => {
    const zh = await login("leader", "Wrong-Pass-2025!");
    expect(zh.statusCode).toBe(401);
    expect(zh.json().message).toMatch(/^用户名或密码不正确。/);
    expect(zh.json().message).toContain("系统管理员或考评办");
    const en = await login("nobody-at-all", "Wrong-Pass-2025!", {
      "accept-language": "en-US,en;q=0.9",
    });
    expect(en.statusCode).toBe(401);
    expect(en.json().message).toMatch(/^wrong username or password\./);
  });

  it("pauses sign-in for 15 minutes after 5 failures, answering the right password like a wrong one", async () => {
    const wrong = await login("edu-clerk", "Wrong-Pass-2025!");
    for (let attempt = 1; attempt < 5; attempt++) {
      expect((await login("edu-clerk", "Wrong-Pass-2025!")).statusCode).toBe(401);
    }
    const locked = await login("edu-clerk", TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toEqual(wrong.json());
    harness.clock.advance(15 * MINUTE + 1000);
    expect((await login("edu-clerk", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("ends a session idle for 30 minutes", async () => {
    const token = sessionOf(await login("health-clerk", TEST_PASSWORD)).value;
    harness.clock.advance(29 * MINUTE);
    expect((await me(token)).statusCode).toBe(200);
    harness.clock.advance(31 * MINUTE);
    const expired = await me(token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toContain("登录已过期");
  });

  it("ends any session 12 hours after login, however active", async () => {
    const token = sessionOf(await login("health-head", TEST_PASSWORD)).value;
    for (let elapsed = 0; elapsed < 11 * 60; elapsed += 20) {
      harness.clock.advance(20 * MINUTE);
      expect((await me(token)).statusCode).toBe(200);
    }
    harness.clock.advance(80 * MINUTE);
    expect((await me(token)).statusCode).toBe(401);
  });

  it("rotates the session at login: the old cookie stops working", async () => {
    const first = sessionOf(await login("culture-clerk", TEST_PASSWORD)).value;
    const second = sessionOf(
      await login("culture-clerk", TEST_PASSWORD, {}, { kaoping_session: first }),
    ).value;
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it("logs out (with the CSRF token) and the session is gone", async () => {
    const client = await harness.as("sport-clerk");
    const withoutToken = await client.request({
      method: "POST",
      url: "/api/auth/logout",
      headers: { "x-csrf-token": "" },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect((await client.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await client.get("/api/me")).statusCode).toBe(401);
  });

  it("refuses a disabled account and ends its sessions", async () => {
    const client = await harness.as("civil-clerk");
    await disableUser(harness.deps, "test", "civil-clerk");
    expect((await client.get("/api/me")).statusCode).toBe(401);
    expect((await login("civil-clerk", TEST_PASSWORD)).statusCode).toBe(401);
  });

  it("records logins and failed logins in the audit chain, which stays intact", async () => {
    const rows = await harness.db.db.selectFrom("audit_log").select(["action", "actor"]).execute();
    const actions = new Set(rows.map((row) => row.action));
    expect(actions).toContain("auth.login");
    expect(actions).toContain("auth.login_failed");
    expect(actions).toContain("auth.logout");
    const auditor = await harness.as("auditor");
    expect((await auditor.get("/api/audit/verify")).json()).toMatchObject({ intact: true });
  });

  it("answers 401 to every API route without a session, except login, docs and health", async () => {
    for (const [method, url] of [
      ["GET", "/api/me"],
      ["GET", "/api/cycles"],
      ["GET", "/api/cycles/2025/score"],
      ["PUT", "/api/cycles/2025/values/POP/HC"],
      ["GET", "/api/audit/verify"],
    ] as const) {
      expect((await harness.app.inject({ method, url })).statusCode).toBe(401);
    }
    expect((await harness.app.inject({ method: "GET", url: "/api/docs" })).statusCode).toBe(200);
    expect((await harness.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
  });
});
