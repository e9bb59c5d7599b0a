import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserAccount } from "../../src/contract/api";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

/** The e-mail address an account's notices go to: set, shown, changed and cleared by the admin. */
describe.each(DIALECTS)("account e-mail addresses on %s", (dialect) => {
  let harness: Harness;
  let admin: Client;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    admin = await harness.as("admin");
  });
  afterAll(() => harness.close());

  const stored = async (username: string) =>
    (
      await harness.db.db
        .selectFrom("users")
        .select("email")
        .where("username", "=", username)
        .executeTakeFirstOrThrow()
    ).email;
  const audited = async (action: string, username: string) =>
    (
      await harness.db.db
        .selectFrom("audit_log")
        .select(["before", "after"])
        .where("action", "=", action)
        .where("object_id", "=", username)
        .orderBy("seq")
        .execute()
    ).map((row) => ({
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    }));

  it("creates an account with an address, lists it, and changes and clears it, audited", async () => {
    const created = await admin.post("/api/users", {
      username: "li.clerk",
      displayName: "李联络员",
      role: "dept_clerk",
      departmentCode: "EDU",
      email: "li.clerk@edu.example.gov.cn",
      password: "Temp-Given-2026!",
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as UserAccount).email).toBe("li.clerk@edu.example.gov.cn");
    expect(await stored("li.clerk")).toBe("li.clerk@edu.example.gov.cn");
    expect((await audited("user.create", "li.clerk"))[0]!.after).toMatchObject({
      email: "li.clerk@edu.example.gov.cn",
    });

    const changed = await admin.request({
      method: "PATCH",
      url: "/api/users/li.clerk",
      payload: { email: "li@edu.example.gov.cn" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as UserAccount).email).toBe("li@edu.example.gov.cn");
    expect((await audited("user.update", "li.clerk")).at(-1)).toEqual({
      before: { email: "li.clerk@edu.example.gov.cn" },
      after: { email: "li@edu.example.gov.cn" },
    });

    const cleared = await admin.request({
      method: "PATCH",
      url: "/api/users/li.clerk",
      payload: { email: null },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await stored("li.clerk")).toBeNull();
    const listed = (await admin.get("/api/users")).json() as { users: UserAccount[] };
    expect(listed.users.find((user) => user.username === "li.clerk")!.email).toBeNull();
    expect(listed.users.find((user) => user.username === "edu-head")!.email).toBe(
      "edu-head@example.invalid",
    );
  });

  it.each([
    ["text that is no address", "not an address"],
    ["a doubled @", "two@@example.gov.cn"],
    ["an address over 254 characters", `${"a".repeat(250)}@example.gov.cn`],
  ])("refuses %s with 422 naming email", async (_label, email) => {
    const refused = await admin.request({
      method: "PATCH",
      url: "/api/users/edu-clerk",
      payload: { email },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("email");
    expect(await stored("edu-clerk")).toBe("edu-clerk@example.invalid");
  });
});
