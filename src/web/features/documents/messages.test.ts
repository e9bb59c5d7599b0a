import { describe, expect, it } from "vitest";
import { documentsMessages } from "./messages";

/** Every key path of a nested message object, e.g. "job.download". */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keyPaths(inner, prefix ? `${prefix}.${key}` : key),
  );
}

/** The {{placeholders}} of each message, so a translation cannot drop a figure. */
function placeholders(messages: unknown): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const visit = (value: unknown, path: string) => {
    if (typeof value === "string") {
      found[path] = [...value.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key);
    }
  };
  visit(messages, "");
  return found;
}

describe("the documents card's words", () => {
  it("say the same things in English as in Chinese", () => {
    expect(keyPaths(documentsMessages.en).sort()).toEqual(keyPaths(documentsMessages.zh).sort());
  });

  it("keep every figure of a message in its translation", () => {
    expect(placeholders(documentsMessages.en)).toEqual(placeholders(documentsMessages.zh));
  });
});
