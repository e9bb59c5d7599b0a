import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password-policy";

describe("passwordProblems", () => {
  it.each([
    ["Kp-Strong-2025", "alice", 0],
    ["correct horse Battery 9", "alice", 0],
    ["短密码Aa1!", "alice", 1],
    ["alllowercase", "alice", 1],
    ["ALLUPPER123", "alice", 1],
    ["Password123!", "alice", 1],
    ["P@ssw0rd!!", "alice", 1],
    ["Woaini1314!", "alice", 1],
    ["Huizhou2025!", "huizhou", 2],
    ["Alice-Secret-9", "alice", 1],
    ["abc", "alice", 2],
  ])("%j for %s has %d problem(s)", (password, username, count) => {
    expect(passwordProblems(password, username)).toHaveLength(count);
  });

  it("says what is wrong in both languages", () => {
    const [problem] = passwordProblems("short", "x");
    expect(problem?.zh).toContain("至少 10 个字符");
    expect(problem?.en).toContain("at least 10 characters");
  });
});
