import { describe, expect, it } from "vitest";
import { suggestedFramework } from "./suggested-framework";

const version = (id: string, code: string, n: number, importedAt: string) => ({
  id,
  code,
  version: n,
  importedAt,
});

describe("suggestedFramework", () => {
  const frameworks = [
    version("a1", "GD-2025", 1, "2025-01-10T00:00:00Z"),
    version("a2", "GD-2025", 2, "2025-06-01T00:00:00Z"),
    version("b1", "OTHER", 1, "2026-01-01T00:00:00Z"),
  ];

  it("takes the newest version of the code the newest year uses", () => {
    const cycles = [
      { year: 2024, framework: { code: "OTHER" } },
      { year: 2025, framework: { code: "GD-2025" } },
    ];
    expect(suggestedFramework(frameworks, cycles)?.id).toBe("a2");
  });

  it("falls back to the latest import when no year exists", () => {
    expect(suggestedFramework(frameworks, [])?.id).toBe("b1");
  });

  it("gives nothing when nothing is imported", () => {
    expect(
      suggestedFramework([], [{ year: 2025, framework: { code: "GD-2025" } }]),
    ).toBeUndefined();
  });
});
