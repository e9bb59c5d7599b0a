import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, startHarness, TEST_PASSWORD, type Harness } from "../support/server-harness";
import { signIn } from "./login-helpers";

describe.each(DIALECTS)("failed sign-ins sent at once on %s", (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(dialect);
  });
  afterAll(() => harness.close());

  it("counts all 20 wrong passwords sent together, so the account locks and refuses the right one", async () => {
    // From 20 addresses, so that only the account's count can stop them.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(harness.app, "edu-clerk", `Wrong-Pass-${i}!`, { address: `10.1.0.${i + 1}` }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(401));

    const office = await harness.as("office");
    const { locks } = (await office.get("/api/users/locks")).json();
    expect(locks).toEqual([
      expect.objectContaining({ username: "edu-clerk", scope: "untrusted", failures: 20 }),
    ]);
    const right = await signIn(harness.app, "edu-clerk", TEST_PASSWORD, { address: "10.1.1.1" });
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(answers[0]!.json());
  });
});
