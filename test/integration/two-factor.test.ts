import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/server/users/manage-users";
import { DIALECTS, startHarness, type Harness } from "../support/server-harness";
import {
  call,
  cookieOf,
  sessionFrom,
  signIn,
  totpAt,
  verifyCode,
  type TestSession,
} from "./login-helpers";

const PASSWORD = "Strong-Pass-2025";
const STEP = 30_000;
/** The lock time, which is also the window attempts are counted in. */
const LOCK = 15 * 60_000;

describe.each(DIALECTS)("two-factor sign-in (TOTP) on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    for (const [username, role] of [
      ["zhang.admin", "admin"],
      ["li.office", "office"],
      ["wu.audit", "auditor"],
      ["he.admin", "admin"],
    ] as const) {
      await addUser(harness.deps, "test", { username, password: PASSWORD, role });
    }
  });
  afterAll(() => harness.close());

  const app = () => harness.app;
  const now = () => harness.clock.now();

  async function passwordOnly(username: string): Promise<TestSession> {
    const response = await signIn(app(), username, PASSWORD);
    expect(response.statusCode, response.body).toBe(200);
    return sessionFrom(response);
  }

  /** Sets up and confirms two-factor sign-in in `session`; returns the secret and the recovery codes. */
  async function enrol(session: TestSession) {
    const setup = await call(app(), session, "POST", "/api/auth/2fa/setup");
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret } = setup.json() as { secret: string };
    const confirmed = await call(app(), session, "POST", "/api/auth/2fa/confirm", {
      code: await totpAt(secret, now()),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return {
      secret,
      recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes,
    };
  }

  async function challengeFor(username: string): Promise<string> {
    const response = await signIn(app(), username, PASSWORD);
    expect(response.statusCode, response.body).toBe(202);
    return (response.json() as { challenge: string }).challenge;
  }

  it("gives an admin, office or auditor who has not enrolled a session that can only enrol", async () => {
    for (const username of ["zhang.admin", "li.office", "wu.audit"]) {
      const session = await passwordOnly(username);
      const me = await call(app(), session, "GET", "/api/me");
      expect(me.json().twoFactor).toEqual({
        required: true,
        enrolled: false,
        exemptReason: null,
        setupRequired: true,
      });
      for (const [method, url] of [
        ["GET", "/api/cycles"],
        ["GET", "/api/cycles/2025/score"],
        ["GET", "/api/audit/verify"],
        ["GET", "/api/users/locks"],
      ] as const) {
        const refused = await call(app(), session, method, url);
        expect(refused.statusCode, `${username} ${url}`).toBe(403);
        expect(refused.json().message).toContain("请先设置双因素登录");
      }
      expect((await call(app(), session, "POST", "/api/auth/logout")).statusCode).toBe(204);
    }
  });

  it("enrols with a QR-code URI, refuses a wrong code, and turns the restricted session into a full one", async () => {
    const session = await passwordOnly("zhang.admin");
    const setup = await call(app(), session, "POST", "/api/auth/2fa/setup");
    const { otpauthUri, secret } = setup.json() as { otpauthUri: string; secret: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(`otpauth://totp/Kaoping:zhang.admin?secret=${secret}&issuer=Kaoping`);

    const wrong = await call(app(), session, "POST", "/api/auth/2fa/confirm", { code: "000000" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: "invalid", field: "code" });
    expect((await call(app(), session, "GET", "/api/cycles")).statusCode).toBe(403);

    const confirmed = await call(app(), session, "POST", "/api/auth/2fa/confirm", {
      code: await totpAt(secret, now()),
    });
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    expect((await call(app(), session, "GET", "/api/cycles")).statusCode).toBe(200);
    expect((await call(app(), session, "GET", "/api/me")).json().twoFactor).toMatchObject({
      required: true,
      enrolled: true,
      setupRequired: false,
    });
    const again = await call(app(), session, "POST", "/api/auth/2fa/setup");
    expect(again.statusCode).toBe(409);

    // At rest: the secret sealed, the recovery codes hashed.
    const user = await harness.deps.repos.users.byUsername("zhang.admin");
    const stored = await harness.db.db
      .selectFrom("totp_credentials")
      .selectAll()
      .where("user_id", "=", user!.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).toMatch(/^v1\./);
    expect(stored.secret).not.toContain(secret);
    const hashes = await harness.db.db
      .selectFrom("recovery_codes")
      .select("code_hash")
      .where("user_id", "=", user!.id)
      .execute();
    expect(hashes).toHaveLength(10);
    const storedText = JSON.stringify(hashes);
    for (const code of recoveryCodes) {
      expect(storedText).not.toContain(code);
      expect(storedText).not.toContain(code.replace("-", ""));
    }
  });

  it("signs an enrolled user in with the password and then a code: the challenge is no session", async () => {
    const { secret } = await enrol(await passwordOnly("li.office"));
    harness.clock.advance(STEP);
    const first = await signIn(app(), "li.office", PASSWORD);
    expect(first.statusCode).toBe(202);
    expect(cookieOf(first, "kaoping_session")).toBeUndefined();
    const { challenge, expiresAt } = first.json() as { challenge: string; expiresAt: string };
    expect(new Date(expiresAt).getTime() - now().getTime()).toBe(5 * 60_000);
    const asCookie = await app().inject({
      method: "GET",
      url: "/api/me",
      cookies: { kaoping_session: challenge },
    });
    expect(asCookie.statusCode).toBe(401);

    const signedIn = await verifyCode(app(), challenge, await totpAt(secret, now()));
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const session = sessionFrom(signedIn);
    expect((await call(app(), session, "GET", "/api/cycles")).statusCode).toBe(200);
    expect(signedIn.json().twoFactor).toMatchObject({ enrolled: true, setupRequired: false });
    // The challenge is spent.
    expect((await verifyCode(app(), challenge, await totpAt(secret, now()))).statusCode).toBe(401);
  });

  it("never accepts a code twice: not the one used to enrol, not one already used to sign in", async () => {
    const { secret } = await enrol(await passwordOnly("wu.audit"));
    const enrolCode = await totpAt(secret, now());
    const replayed = await verifyCode(app(), await challengeFor("wu.audit"), enrolCode);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().message).toContain("已使用过");

    // Each phase starts a new counting window, so only the replay check can refuse.
    harness.clock.advance(LOCK);
    const code = await totpAt(secret, now());
    const challenges = [await challengeFor("wu.audit"), await challengeFor("wu.audit")];
    const [one, two] = await Promise.all(
      challenges.map((challenge) => verifyCode(app(), challenge, code)),
    );
    expect([one!.statusCode, two!.statusCode].sort()).toEqual([200, 401]);
    expect((await verifyCode(app(), await challengeFor("wu.audit"), code)).statusCode).toBe(401);

    // A code from a step before the last one used is refused too.
    harness.clock.advance(LOCK);
    const older = await totpAt(secret, new Date(now().getTime() - 2 * STEP));
    expect((await verifyCode(app(), await challengeFor("wu.audit"), older)).statusCode).toBe(401);
    expect(
      (await verifyCode(app(), await challengeFor("wu.audit"), await totpAt(secret, now())))
        .statusCode,
    ).toBe(200);
  });

  it("ends a challenge after five wrong codes, and counts them against the account", async () => {
    harness.clock.advance(LOCK);
    const { secret } = await enrol(await passwordOnly("he.admin"));
    harness.clock.advance(STEP);
    const challenge = await challengeFor("he.admin");
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await verifyCode(app(), challenge, `00000${i}`));
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[0]!.json().message).toContain("还可再试 4 次");
    expect(answers[4]!.json().message).toContain("请重新输入用户名和密码");
    const right = await verifyCode(app(), challenge, await totpAt(secret, now()));
    expect(right.statusCode).toBe(401);
    expect(right.json().message).toContain("请重新输入用户名和密码");
    // The password and five codes used up the account's attempts: it is locked for now.
    const office = await harness.as("office");
    const { locks } = (await office.get("/api/users/locks")).json();
    expect(locks).toContainEqual(
      expect.objectContaining({ username: "he.admin", scope: "untrusted", failures: 6 }),
    );
    expect((await signIn(app(), "he.admin", PASSWORD)).statusCode).toBe(401);
  });

  it("takes each recovery code once, in any case and with or without the hyphen", async () => {
    harness.clock.advance(LOCK);
    // li.office is enrolled: the password alone gives no session. Reset, and enrol anew.
    expect((await signIn(app(), "li.office", PASSWORD)).statusCode).toBe(202);
    const reset = await (await harness.as("admin")).post("/api/users/li.office/2fa/reset");
    expect(reset.json()).toEqual({ username: "li.office", wasEnrolled: true });
    const { recoveryCodes } = await enrol(await passwordOnly("li.office"));
    harness.clock.advance(STEP);

    const typed = recoveryCodes[3]!.toUpperCase().replace("-", " ");
    const used = await verifyCode(app(), await challengeFor("li.office"), typed);
    expect(used.statusCode, used.body).toBe(200);
    const again = await verifyCode(app(), await challengeFor("li.office"), recoveryCodes[3]!);
    expect(again.statusCode).toBe(401);
    expect(
      (await verifyCode(app(), await challengeFor("li.office"), recoveryCodes[4]!)).statusCode,
    ).toBe(200);
    const row = await harness.db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.recovery_code_used")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.after!)).toEqual({ remaining: 8 });
  });

  it("ends the account's other sessions when enrolment is confirmed", async () => {
    await addUser(harness.deps, "test", {
      username: "ma.office",
      password: PASSWORD,
      role: "office",
    });
    const other = await passwordOnly("ma.office");
    const enrolling = await passwordOnly("ma.office");
    await enrol(enrolling);
    expect((await call(app(), other, "GET", "/api/me")).statusCode).toBe(401);
    expect((await call(app(), enrolling, "GET", "/api/me")).statusCode).toBe(200);
  });

  it("lets an administrator reset a second factor (audited; sessions end), and nobody else", async () => {
    await addUser(harness.deps, "test", {
      username: "sun.audit",
      password: PASSWORD,
      role: "auditor",
    });
    const session = await passwordOnly("sun.audit");
    await enrol(session);
    for (const who of ["office", "auditor", "leader", "edu-clerk"]) {
      const client = await harness.as(who);
      expect((await client.post("/api/users/sun.audit/2fa/reset")).statusCode, who).toBe(403);
    }
    const admin = await harness.as("admin");
    expect((await admin.post("/api/users/nobody-here/2fa/reset")).statusCode).toBe(404);
    expect((await admin.post("/api/users/sun.audit/2fa/reset")).json()).toEqual({
      username: "sun.audit",
      wasEnrolled: true,
    });
    expect((await call(app(), session, "GET", "/api/me")).statusCode).toBe(401);
    const next = await passwordOnly("sun.audit");
    expect((await call(app(), next, "GET", "/api/me")).json().twoFactor.setupRequired).toBe(true);
    const row = await harness.db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.reset_2fa")
      .where("object_id", "=", "sun.audit")
      .executeTakeFirstOrThrow();
    expect(row.actor).toBe("admin");
    expect(JSON.parse(row.before!)).toMatchObject({ enrolled: true });
  });

  it("audits enrolment, confirmation, failures and recovery codes, and the chain stays intact", async () => {
    const actions = new Set(
      (await harness.db.db.selectFrom("audit_log").select("action").execute()).map(
        (row) => row.action,
      ),
    );
    for (const action of [
      "auth.2fa_setup",
      "auth.2fa_confirm_failed",
      "auth.2fa_enabled",
      "auth.password_accepted",
      "auth.second_factor_failed",
      "auth.recovery_code_used",
      "user.reset_2fa",
    ]) {
      expect(actions, action).toContain(action);
    }
    const auditor = await harness.as("auditor");
    expect((await auditor.get("/api/audit/verify")).json()).toMatchObject({ intact: true });
  });
});
