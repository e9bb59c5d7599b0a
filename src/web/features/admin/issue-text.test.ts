import { describe, expect, it } from "vitest";
import { formatIssue, localized } from "../../../core";
import { issueText } from "./issue-text";

describe("issueText", () => {
  it("drops the file and field the core's message starts with", () => {
    const issue = {
      file: "bad.yaml",
      path: "indicators[I1].weight",
      message: localized("缺少此项", "missing"),
    };
    const message = formatIssue(issue, "zh");
    expect(issueText({ file: "bad.yaml", field: issue.path, message })).toBe("缺少此项");
  });

  it("drops the file alone for an issue of the whole file", () => {
    const message = formatIssue({
      file: "a.json",
      path: "",
      message: localized("不是 UTF-8", "x"),
    });
    expect(issueText({ file: "a.json", field: "", message })).toBe("不是 UTF-8");
  });

  it("keeps a message that does not start with its place", () => {
    expect(issueText({ file: "a.yaml", field: "target", message: "应 ≤ 1" })).toBe("应 ≤ 1");
    expect(issueText({ field: "target", message: "target: 应 ≤ 1" })).toBe("应 ≤ 1");
  });
});
