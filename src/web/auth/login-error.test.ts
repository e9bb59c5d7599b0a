import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { describeLoginError } from "./login-error";
import { loginMessages } from "./login-messages";

const t = (key: string) => (loginMessages.zh as Record<string, string>)[key] ?? key;
const refusal = (status: number, message: string) =>
  new ApiError(status, "x", message, { error: "x", message });

describe("describeLoginError", () => {
  it("names both a wrong password and a locked account for the password step's 401", () => {
    const problem = describeLoginError(refusal(401, "用户名或密码不正确"), "password", t);
    expect(problem.title).toBe(loginMessages.zh.refusedTitle);
    expect(problem.lines).toEqual([loginMessages.zh.refusedWrong, loginMessages.zh.refusedLocked]);
    expect(problem.lines.join("")).toMatch(/密码不正确/);
    expect(problem.lines.join("")).toMatch(/解锁/);
  });

  it("passes on the server's wait for too many attempts", () => {
    const problem = describeLoginError(
      refusal(429, "登录尝试过于频繁，请 42 秒后再试"),
      "password",
      t,
    );
    expect(problem.title).toBe(loginMessages.zh.tooManyTitle);
    expect(problem.lines).toEqual(["登录尝试过于频繁，请 42 秒后再试"]);
  });

  it("shows the server's reason for a refused code (wrong, or the challenge ended)", () => {
    const problem = describeLoginError(
      refusal(401, "验证码不正确或已使用过，还可再试 3 次"),
      "code",
      t,
    );
    expect(problem.title).toBe(loginMessages.zh.codeRefusedTitle);
    expect(problem.lines).toEqual(["验证码不正确或已使用过，还可再试 3 次"]);
  });

  it("says the server cannot be reached on a network failure", () => {
    expect(describeLoginError(new ApiError(0, "network", "", null), "password", t).title).toBe(
      loginMessages.zh.network,
    );
  });

  it("never shows a thrown non-API error's text", () => {
    expect(describeLoginError(new Error("internal detail"), "password", t)).toEqual({
      title: loginMessages.zh.failed,
      lines: [],
    });
  });
});
