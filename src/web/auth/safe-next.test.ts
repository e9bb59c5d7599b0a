import { describe, expect, it } from "vitest";
import { nextQuery, safeNext } from "./safe-next";

describe("safeNext", () => {
  it("follows paths inside the app, with their query", () => {
    expect(safeNext("/office")).toBe("/office");
    expect(safeNext("/workspace/items?tab=work")).toBe("/workspace/items?tab=work");
  });

  it("refuses anything that leaves the app (no open redirect)", () => {
    for (const next of [
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil",
      "/\t/evil.example",
      "/\n/evil.example",
    ]) {
      expect(safeNext(next), next).toBeNull();
    }
  });

  it("gives nothing for an absent value or the login page itself", () => {
    expect(safeNext(null)).toBeNull();
    expect(safeNext(undefined)).toBeNull();
    expect(safeNext("")).toBeNull();
    expect(safeNext("/login?expired=1")).toBeNull();
  });

  it("round-trips through nextQuery", () => {
    const path = "/office/departments/EDU?x=1&y=2";
    const params = new URLSearchParams(nextQuery(path));
    expect(safeNext(params.get("next"))).toBe(path);
  });
});
