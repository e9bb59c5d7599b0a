import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comment, CommentList } from "../../src/contract/api";
import { DIALECTS, startHarness, type Client, type Harness } from "../support/server-harness";

const COMMENTS = "/api/cycles/2025/comments";

describe.each(DIALECTS)("comments on items on %s", (dialect) => {
  let harness: Harness;
  let office: Client;
  let clerk: Client;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    office = await harness.as("office");
    clerk = await harness.as("edu-clerk");
  });
  afterAll(() => harness.close());

  const list = async (client: Client, kind: string, code: string, url = COMMENTS) => {
    const response = await client.get(`${url}?kind=${kind}&code=${code}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CommentList;
  };
  const add = (client: Client, payload: unknown, url = COMMENTS) => client.post(url, payload);

  it("adds comments and lists them oldest first, with each author's name and role", async () => {
    expect(await list(clerk, "indicator", "EDU01")).toEqual({
      kind: "indicator",
      code: "EDU01",
      comments: [],
    });
    const first = await add(office, {
      kind: "indicator",
      code: "EDU01",
      body: "  请核对惠城区数据 \n",
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: "indicator",
      code: "EDU01",
      body: "请核对惠城区数据",
      author: { username: "office", displayName: "考评办（示例）", role: "office" },
      createdAt: harness.clock.now().toISOString(),
    });
    harness.clock.advance(1000);
    const second = await add(clerk, {
      kind: "indicator",
      code: "EDU01",
      body: "已核对，\n与年报一致",
    });
    expect(second.statusCode, second.body).toBe(201);
    harness.clock.advance(1000);
    const third = await add(await harness.as("edu-head"), {
      kind: "indicator",
      code: "EDU01",
      body: "同意",
    });
    expect(third.statusCode, third.body).toBe(201);

    const seen = await list(office, "indicator", "EDU01");
    expect(seen.comments.map((comment) => [comment.author.username, comment.body])).toEqual([
      ["office", "请核对惠城区数据"],
      ["edu-clerk", "已核对，\n与年报一致"],
      ["edu-head", "同意"],
    ]);
    expect(seen.comments[2]!.author).toEqual({
      username: "edu-head",
      displayName: "市教育局责任领导（示例）",
      role: "dept_head",
    });
    expect(seen.comments[0]).toEqual(first.json() as Comment);
    // The department sees the same list; another item's list is its own.
    expect(await list(clerk, "indicator", "EDU01")).toEqual(seen);
    expect((await list(clerk, "indicator", "EDU02")).comments).toEqual([]);
  });

  it("takes comments on work items too", async () => {
    const posted = await add(clerk, { kind: "workItem", code: "W05", body: "佐证材料已上传" });
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await list(office, "workItem", "W05")).comments.map((c) => c.body)).toEqual([
      "佐证材料已上传",
    ]);
    // An indicator and a work item never share a list, whatever their codes.
    expect((await list(office, "indicator", "EDU01")).comments.map((c) => c.code)).not.toContain(
      "W05",
    );
  });

  it("cleans the text and refuses a body that is empty once cleaned, or too long", async () => {
    const cleaned = await add(clerk, {
      kind: "indicator",
      code: "EDU02",
      body: "数据\u202E已更正\u0007",
    });
    expect(cleaned.statusCode, cleaned.body).toBe(201);
    expect(cleaned.json().body).toBe("数据已更正");
    for (const body of ["", "   \n\t ", "\u202E\u0007"]) {
      const refused = await add(clerk, { kind: "indicator", code: "EDU02", body });
      expect(refused.statusCode, JSON.stringify(body)).toBe(422);
      expect(refused.json().message).toContain("body");
    }
    const long = await add(clerk, { kind: "indicator", code: "EDU02", body: "长".repeat(2001) });
    expect(long.statusCode).toBe(422);
    expect(
      (await add(clerk, { kind: "indicator", code: "EDU02", body: "长".repeat(2000) })).statusCode,
    ).toBe(201);
    expect((await add(clerk, { kind: "dataElement", code: "POP", body: "x" })).statusCode).toBe(
      422,
    );
    expect((await add(clerk, { kind: "indicator", body: "x" })).statusCode).toBe(422);
    expect((await clerk.get(`${COMMENTS}?kind=indicator`)).statusCode).toBe(422);
    // Text no database can store as sent (a lone surrogate, NUL) is refused, naming the body.
    for (const escaped of ["\\ud800", "a\\u0000b"]) {
      const refused = await clerk.request({
        method: "POST",
        url: COMMENTS,
        headers: { "content-type": "application/json" },
        payload: `{"kind":"indicator","code":"EDU02","body":"${escaped}"}`,
      });
      expect(refused.statusCode, escaped).toBe(422);
      expect(refused.json().message).toContain("body");
    }
    expect((await list(clerk, "indicator", "EDU02")).comments).toHaveLength(2);
  });

  it("lets only the office, admin and the item's own department read and write", async () => {
    const before = (await list(office, "indicator", "EDU03")).comments.length;
    for (const username of ["leader", "auditor", "health-clerk", "fin-head"]) {
      const client = await harness.as(username);
      const read = await client.get(`${COMMENTS}?kind=indicator&code=EDU03`);
      expect(read.statusCode, username).toBe(403);
      expect(read.json().error).toBe("forbidden");
      const write = await add(client, { kind: "indicator", code: "EDU03", body: "意见" });
      expect(write.statusCode, username).toBe(403);
    }
    // FIN answers for EDU08, an indicator of the EDU domain: ownership follows the department.
    const fin = await harness.as("fin-clerk");
    expect(
      (await add(fin, { kind: "indicator", code: "EDU08", body: "经费已核" })).statusCode,
    ).toBe(201);
    expect((await clerk.get(`${COMMENTS}?kind=indicator&code=EDU08`)).statusCode).toBe(403);
    const admin = await harness.as("admin");
    expect(
      (await add(admin, { kind: "indicator", code: "EDU03", body: "管理员意见" })).statusCode,
    ).toBe(201);
    expect((await list(office, "indicator", "EDU03")).comments.length).toBe(before + 1);
  });

  it("answers 404 for an item or year that does not exist", async () => {
    for (const client of [office, clerk]) {
      expect((await client.get(`${COMMENTS}?kind=indicator&code=NOPE01`)).statusCode).toBe(404);
      expect((await add(client, { kind: "workItem", code: "EDU01", body: "x" })).statusCode).toBe(
        404,
      );
    }
    expect(
      (await office.get("/api/cycles/2031/comments?kind=indicator&code=EDU01")).statusCode,
    ).toBe(404);
  });

  it("takes comments on a closed year: they discuss the figures and change none", async () => {
    const past = "/api/cycles/2024/comments";
    const posted = await add(
      office,
      { kind: "indicator", code: "EDU01", body: "与上年对比" },
      past,
    );
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await list(clerk, "indicator", "EDU01", past)).comments.map((c) => c.body)).toEqual([
      "与上年对比",
    ]);
    expect((await list(clerk, "indicator", "EDU01")).comments.map((c) => c.body)).not.toContain(
      "与上年对比",
    );
  });

  it("audits every comment added and keeps the chain intact", async () => {
    const rows = await harness.db.db
      .selectFrom("audit_log")
      .select(["actor", "object_id", "after"])
      .where("action", "=", "comment.add")
      .orderBy("seq")
      .execute();
    const stored = await harness.db.db.selectFrom("comments").select(["id", "body"]).execute();
    expect(rows.map((row) => row.object_id).sort()).toEqual(stored.map((row) => row.id).sort());
    expect(JSON.parse(rows[0]!.after!)).toEqual({
      target: { kind: "indicator", code: "EDU01", department: "EDU" },
      body: "请核对惠城区数据",
    });
    expect(rows[0]!.actor).toBe("office");
    const verdict = (await (await harness.as("auditor")).get("/api/audit/verify")).json();
    expect(verdict.intact).toBe(true);
  });
});
