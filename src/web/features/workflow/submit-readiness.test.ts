import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SubmissionCheckView } from "../../../contract/api";
import { justificationsFor, readiness } from "./submit-readiness";

const check = (id: string, severity: "error" | "warning"): SubmissionCheckView => ({
  id,
  code: severity === "error" ? "missing_evidence" : "large_change",
  severity,
  target: { kind: "indicator", code: id },
  message: id,
});

describe("readiness", () => {
  it.each([
    { name: "nothing found, box ticked", checks: [], texts: {}, ticked: true, blocker: null },
    {
      name: "nothing found, box not ticked",
      checks: [],
      texts: {},
      ticked: false,
      blocker: "confirm",
    },
    {
      name: "an error blocks even when everything else is done",
      checks: [check("e", "error"), check("w", "warning")],
      texts: { w: "ok" },
      ticked: true,
      blocker: "errors",
    },
    {
      name: "a blank justification is none",
      checks: [check("w", "warning")],
      texts: { w: "   " },
      ticked: true,
      blocker: "warnings",
    },
    {
      name: "every warning justified and ticked",
      checks: [check("w1", "warning"), check("w2", "warning")],
      texts: { w1: "a", w2: "b" },
      ticked: true,
      blocker: null,
    },
  ] as const)("$name", ({ checks, texts, ticked, blocker }) => {
    const result = readiness(checks, texts, ticked);
    expect(result.blocker).toBe(blocker);
    expect(result.ready).toBe(blocker === null);
  });

  it("is ready exactly when no error, every warning has words and the box is ticked", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ error: fc.boolean(), text: fc.string({ maxLength: 3 }) }), {
          maxLength: 8,
        }),
        fc.boolean(),
        (entries, ticked) => {
          const checks = entries.map((entry, index) =>
            check(`c${index}`, entry.error ? "error" : "warning"),
          );
          const texts = Object.fromEntries(
            entries.map((entry, index) => [`c${index}`, entry.text]),
          );
          const expected =
            ticked && entries.every((entry) => !entry.error && entry.text.trim() !== "");
          const result = readiness(checks, texts, ticked);
          expect(result.ready).toBe(expected);
          expect(result.errors.length + result.warnings.length).toBe(checks.length);
        },
      ),
    );
  });
});

describe("justificationsFor", () => {
  it("sends one trimmed text per warning, named by the warning's id", () => {
    expect(
      justificationsFor([check("w1", "warning"), check("w2", "warning")], {
        w1: "  招生扩大  ",
        w2: "新校区",
        gone: "x",
      }),
    ).toEqual([
      { check: "w1", text: "招生扩大" },
      { check: "w2", text: "新校区" },
    ]);
  });
});
