import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DIALECTS,
  startHarness,
  TEST_PASSWORD,
  type Client,
  type Harness,
} from "../support/server-harness";
import { sessionFrom, signIn } from "./login-helpers";

const TEMPORARY = "Temp-Given-2026!";

describe.each(DIALECTS)("account administration on %s", (dialect) => {
  let harness: Harness;
  let admin: Client;

  const patch = (client: Client, username: string, payload: object) =>
    client.request({ method: "PATCH", url: `/api/users/${username}`, payload });

  const stored = (username: string) =>
    harness.db.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", username)
      .executeTakeFirstOrThrow();

  const audited = (action: string, objectId: string) =>
    harness.db.db
      .selectFrom("audit_log")
      .select(["actor", "before", "after"])
      .where("action", "=", action)
      .where("object_id", "=", objectId)
      .orderBy("seq")
      .execute();

  beforeAll(async () => {
    harness = await startHarness(dialect);
    admin = await harness.as("admin");
  });
  afterAll(() => harness.close());

  it("lists every account with its department, flags and last sign-in", async () => {
    await harness.as("edu-clerk");
    const response = await admin.get("/api/users");
    expect(response.statusCode).toBe(200);
    const users = response.json().users as {
      username: string;
      lastSignInAt: string | null;
    }[];
    const count = await harness.db.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(users).toHaveLength(Number(count.n));
    expect(users.map((user) => user.username)).toEqual(
      [...users.map((user) => user.username)].sort(),
    );
    expect(users.find((user) => user.username === "edu-clerk")).toEqual({
      username: "edu-clerk",
      displayName: expect.stringContaining("联络员"),
      role: "dept_clerk",
      department: { code: "EDU", name: "市教育局" },
      disabled: false,
      email: "edu-clerk@example.invalid",
      mustChangePassword: false,
      twoFactorEnrolled: false,
      createdAt: expect.any(String),
      lastSignInAt: harness.clock.now().toISOString(),
    });
    expect(users.find((user) => user.username === "leader")).toMatchObject({
      department: null,
      lastSignInAt: null,
    });
  });

  it("is for the admin only", async () => {
    for (const username of ["office", "leader", "auditor", "edu-head"]) {
      const client = await harness.as(username);
      expect((await client.get("/api/users")).statusCode, username).toBe(403);
      const created = await client.post("/api/users", {
        username: `x-${username}`,
        displayName: "X",
        role: "leader",
        password: TEMPORARY,
      });
      expect(created.statusCode, username).toBe(403);
      expect((await patch(client, "edu-clerk", { displayName: "X" })).statusCode).toBe(403);
      const reset = await client.post("/api/users/edu-clerk/password", { password: TEMPORARY });
      expect(reset.statusCode).toBe(403);
    }
    expect(
      await harness.db.db
        .selectFrom("users")
        .where("username", "like", "x-%")
        .selectAll()
        .execute(),
    ).toEqual([]);
    expect((await stored("edu-clerk")).display_name).not.toBe("X");
  });

  it("creates an account that must change its password, audited; a taken name is 409", async () => {
    const created = await admin.post("/api/users", {
      username: "sun.head",
      displayName: "  孙\n主任  ",
      role: "dept_head",
      departmentCode: "HEALTH",
      password: TEMPORARY,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      username: "sun.head",
      displayName: "孙 主任",
      role: "dept_head",
      department: { code: "HEALTH" },
      disabled: false,
      mustChangePassword: true,
      lastSignInAt: null,
    });
    expect((await stored("sun.head")).must_change_password).toBe(1);
    const [row] = await audited("user.create", "sun.head");
    expect(row!.actor).toBe("admin");
    expect(JSON.parse(row!.after!)).toMatchObject({ role: "dept_head", department: "HEALTH" });

    const again = await admin.post("/api/users", {
      username: "sun.head",
      displayName: "又一个",
      role: "leader",
      password: TEMPORARY,
    });
    expect(again.statusCode).toBe(409);
  });

  it("refuses what addUser refuses: role without department, a weak password, a bad name, an unknown department", async () => {
    const base = { displayName: "某人", password: TEMPORARY };
    const cases: [object, number, string][] = [
      [{ ...base, username: "a.clerk", role: "dept_clerk" }, 422, "department"],
      [{ ...base, username: "a.leader", role: "leader", departmentCode: "EDU" }, 422, "department"],
      [{ ...base, username: "a.weak", role: "leader", password: "short" }, 422, "password"],
      [{ ...base, username: "Bad Name", role: "leader" }, 422, "username"],
      [{ ...base, username: "a.ghost", role: "dept_clerk", departmentCode: "GHOST" }, 404, ""],
      [{ ...base, username: "a.blank", role: "leader", displayName: " \u202e " }, 422, ""],
    ];
    for (const [body, status, field] of cases) {
      const response = await admin.post("/api/users", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(response.json().field).toBe(field);
    }
    const made = await harness.db.db
      .selectFrom("users")
      .select("username")
      .where("username", "like", "a.%")
      .execute();
    expect(made).toEqual([]);
  });

  it("changes name, role and department together, checked like creation, audited with before and after", async () => {
    const moved = await patch(admin, "sun.head", {
      displayName: "孙局长",
      role: "dept_clerk",
      departmentCode: "EDU",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      displayName: "孙局长",
      role: "dept_clerk",
      department: { code: "EDU", name: "市教育局" },
    });
    const [row] = await audited("user.update", "sun.head");
    expect(JSON.parse(row!.before!)).toEqual({
      displayName: "孙 主任",
      role: "dept_head",
      departmentCode: "HEALTH",
    });
    expect(JSON.parse(row!.after!)).toEqual({
      displayName: "孙局长",
      role: "dept_clerk",
      departmentCode: "EDU",
    });

    const cityRoleKeepsDepartment = await patch(admin, "sun.head", { role: "leader" });
    expect(cityRoleKeepsDepartment.statusCode).toBe(422);
    expect(cityRoleKeepsDepartment.json().field).toBe("departmentCode");
    const unknown = await patch(admin, "sun.head", { departmentCode: "GHOST" });
    expect(unknown.statusCode).toBe(404);
    expect((await patch(admin, "sun.head", {})).statusCode).toBe(422);
    expect((await patch(admin, "sun.head", { extra: 1 })).statusCode).toBe(422);
    expect((await patch(admin, "nobody", { displayName: "X" })).statusCode).toBe(404);
    expect((await stored("sun.head")).role).toBe("dept_clerk");

    const toLeader = await patch(admin, "sun.head", { role: "leader", departmentCode: null });
    expect(toLeader.statusCode).toBe(200);
    expect(toLeader.json()).toMatchObject({ role: "leader", department: null });
    // The role takes effect on the account's next request.
  });

  it("writes nothing and audits nothing when nothing differs", async () => {
    const before = await audited("user.update", "sun.head");
    const same = await patch(admin, "sun.head", { displayName: "孙局长" });
    expect(same.statusCode).toBe(200);
    expect(await audited("user.update", "sun.head")).toHaveLength(before.length);
  });

  it("disabling ends the account's sessions and stops sign-in; enabling lets it in again", async () => {
    const session = sessionFrom(await signIn(harness.app, "fin-clerk", TEST_PASSWORD));
    const disabled = await patch(admin, "fin-clerk", { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    const sessions = await harness.db.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select("sessions.id")
      .where("users.username", "=", "fin-clerk")
      .execute();
    expect(sessions).toEqual([]);
    const me = await harness.app.inject({
      method: "GET",
      url: "/api/me",
      cookies: { kaoping_session: session.cookie },
    });
    expect(me.statusCode).toBe(401);
    expect((await signIn(harness.app, "fin-clerk", TEST_PASSWORD)).statusCode).toBe(401);

    expect((await patch(admin, "fin-clerk", { disabled: false })).json().disabled).toBe(false);
    expect((await signIn(harness.app, "fin-clerk", TEST_PASSWORD)).statusCode).toBe(200);
    const rows = await audited("user.update", "fin-clerk");
    expect(rows.map((row) => JSON.parse(row.after!))).toEqual([
      { disabled: true },
      { disabled: false },
    ]);
  });

  it("does not let an admin disable or demote themselves, and says why", async () => {
    const disable = await patch(admin, "admin", { disabled: true });
    expect(disable.statusCode).toBe(422);
    expect(disable.json()).toMatchObject({ field: "disabled" });
    expect(disable.json().message).toContain("不能停用自己的账户");
    const demote = await patch(admin, "admin", { role: "office" });
    expect(demote.statusCode).toBe(422);
    expect(demote.json()).toMatchObject({ field: "role" });
    expect(demote.json().message).toContain("不能更改自己的角色");
    const row = await stored("admin");
    expect(row).toMatchObject({ role: "admin", disabled: 0 });
    // Renaming oneself is fine.
    expect((await patch(admin, "admin", { displayName: "管理员" })).statusCode).toBe(200);
  });

  it("gives a temporary password that passes the policy, lifting locks and ending sessions", async () => {
    const session = sessionFrom(await signIn(harness.app, "health-head", TEST_PASSWORD));
    const weak = await admin.post("/api/users/health-head/password", {
      password: "health-head1A!",
    });
    expect(weak.statusCode).toBe(422);
    expect(
      (await admin.post("/api/users/nobody/password", { password: TEMPORARY })).statusCode,
    ).toBe(404);
    const reset = await admin.post("/api/users/health-head/password", { password: TEMPORARY });
    expect(reset.statusCode).toBe(200);
    expect((await stored("health-head")).must_change_password).toBe(1);
    const me = await harness.app.inject({
      method: "GET",
      url: "/api/me",
      cookies: { kaoping_session: session.cookie },
    });
    expect(me.statusCode).toBe(401);
    const [row] = await audited("user.reset_password", "health-head");
    expect(JSON.parse(row!.after!)).toEqual({ mustChangePassword: true });
    const listed = (await admin.get("/api/users"))
      .json()
      .users.find((user: { username: string }) => user.username === "health-head");
    expect(listed.mustChangePassword).toBe(true);
  });
});
