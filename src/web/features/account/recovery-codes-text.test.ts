import { describe, expect, it } from "vitest";
import { recoveryCodesFileName, recoveryCodesText } from "./recovery-codes-text";

describe("recoveryCodesText", () => {
  it("holds every code on its own line between the header and the note", () => {
    const text = recoveryCodesText(
      ["aaaa-bbbb", "cccc-dddd"],
      "恢复码（账号 admin）",
      "每个只能用一次",
    );
    expect(text.split("\r\n")).toEqual([
      "恢复码（账号 admin）",
      "",
      "aaaa-bbbb",
      "cccc-dddd",
      "",
      "每个只能用一次",
      "",
    ]);
  });
});

describe("recoveryCodesFileName", () => {
  it("names the account and day, with nothing a file system would refuse", () => {
    expect(recoveryCodesFileName("zhang.san", "2026-03-10")).toBe(
      "kaoping-recovery-codes-zhang.san-2026-03-10.txt",
    );
    expect(recoveryCodesFileName("a/b\\c:d", "2026-03-10")).toBe(
      "kaoping-recovery-codes-a_b_c_d-2026-03-10.txt",
    );
  });
});
