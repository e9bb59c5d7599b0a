import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const KEY = randomBytes(32);

describe("sealed secrets (AES-256-GCM)", () => {
  it("open to what was sealed, and never show it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), fc.uuid(), (secret, owner) => {
        const sealed = sealSecret(KEY, secret, owner);
        expect(openSecret(KEY, sealed, owner)).toBe(secret);
        expect(sealed).not.toContain(secret);
      }),
    );
  });

  it("do not open under another key, for another owner, or once altered", () => {
    const sealed = sealSecret(KEY, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "user-1");
    expect(() => openSecret(randomBytes(32), sealed, "user-1")).toThrow();
    expect(() => openSecret(KEY, sealed, "user-2")).toThrow();
    // Any bit of the IV, the tag or the ciphertext flipped.
    const parts = sealed.split(".");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.nat(), fc.nat(7), (part, at, bit) => {
        const bytes = Buffer.from(parts[part]!, "base64url");
        bytes[at % bytes.length]! ^= 1 << bit;
        const altered = parts.map((text, i) => (i === part ? bytes.toString("base64url") : text));
        expect(() => openSecret(KEY, altered.join("."), "user-1")).toThrow();
      }),
    );
  });
});
