import { describe, expect, it } from "vitest";
import { passwordChecks } from "./password-checks";

const met = (password: string, username = "zhang.san") =>
  Object.fromEntries(passwordChecks(password, username).map((check) => [check.key, check.met]));

describe("passwordChecks", () => {
  it("asks for ten characters, counted as characters not UTF-16 units", () => {
    expect(met("Abc-12345").length).toBe(false);
    expect(met("Abc-123456").length).toBe(true);
    expect(met("密码密码密码密码密码").length).toBe(true);
    expect(met("😀😀😀😀😀").length).toBe(false);
  });

  it("asks for three of lower-case, upper-case, digits and symbols", () => {
    expect(met("abcdefghij12").classes).toBe(false);
    expect(met("abcdefgh12X").classes).toBe(true);
    expect(met("abcdefgh-12").classes).toBe(true);
  });

  it("refuses a password containing the username, in any case", () => {
    expect(met("Zhang.San-2026").username).toBe(false);
    expect(met("Li-Si-2026!x").username).toBe(true);
  });

  it("meets nothing while the field is empty", () => {
    expect(Object.values(met(""))).toEqual([false, false, false]);
  });
});
