import { describe, expect, it } from "vitest";
import { passwordChecks } from "../account/password-checks";
import { browserRandom, temporaryPassword, TEMPORARY_PASSWORD_LENGTH } from "./temporary-password";

describe("temporaryPassword", () => {
  it("always passes the password policy's checks, whatever the random source gives", () => {
    const sources = [() => 0, (below: number) => below - 1, browserRandom];
    for (const random of sources) {
      for (let run = 0; run < 200; run += 1) {
        const password = temporaryPassword(random);
        expect(password).toHaveLength(TEMPORARY_PASSWORD_LENGTH);
        expect(
          passwordChecks(password, "zhang.san").every((check) => check.met),
          password,
        ).toBe(true);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[0-9]/);
        expect(password).toMatch(/[^A-Za-z0-9]/);
      }
    }
  });

  it("uses no characters that read alike", () => {
    for (let run = 0; run < 200; run += 1) {
      expect(temporaryPassword(browserRandom)).not.toMatch(/[0O1lI]/);
    }
  });

  it("differs from one call to the next", () => {
    const seen = new Set(Array.from({ length: 50 }, () => temporaryPassword(browserRandom)));
    expect(seen.size).toBe(50);
  });
});

describe("browserRandom", () => {
  it("stays within [0, below)", () => {
    for (let run = 0; run < 1000; run += 1) {
      const value = browserRandom(7);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(7);
    }
  });
});
