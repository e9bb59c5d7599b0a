import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { fieldErrorsOf } from "./field-errors";

const refusal = (status: number, body: Record<string, unknown>) =>
  new ApiError(status, "invalid", String(body.message), {
    error: "invalid",
    message: String(body.message),
    ...body,
  });

describe("fieldErrorsOf", () => {
  it("puts a refusal naming one field beside that field", () => {
    const error = refusal(422, { message: "当前密码不正确", field: "currentPassword" });
    expect(fieldErrorsOf(error, ["currentPassword", "newPassword"])).toEqual([
      { name: "currentPassword", errors: ["当前密码不正确"] },
    ]);
  });

  it("spreads several issues over their fields", () => {
    const error = refusal(422, {
      message: "两处错误",
      issues: [
        { field: "username", message: "用户名格式不正确" },
        { field: "password", message: "密码至少 10 个字符" },
        { field: "password", message: "密码须包含三类字符" },
      ],
    });
    expect(fieldErrorsOf(error, ["username", "password"])).toEqual([
      { name: "username", errors: ["用户名格式不正确"] },
      { name: "password", errors: ["密码至少 10 个字符", "密码须包含三类字符"] },
    ]);
  });

  it("maps the server's name of a field to the form's", () => {
    const error = refusal(422, { message: "单位角色须指定成员单位", field: "department" });
    expect(fieldErrorsOf(error, ["departmentCode"], { department: "departmentCode" })).toEqual([
      { name: "departmentCode", errors: ["单位角色须指定成员单位"] },
    ]);
  });

  it("gives null for fields the form does not have, or for other statuses", () => {
    expect(fieldErrorsOf(refusal(422, { message: "x", field: "other" }), ["a"])).toBeNull();
    expect(fieldErrorsOf(refusal(409, { message: "x", field: "a" }), ["a"])).toBeNull();
    expect(fieldErrorsOf(new Error("x"), ["a"])).toBeNull();
  });
});
