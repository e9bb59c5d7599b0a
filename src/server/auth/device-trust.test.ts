import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recogniseDevice, rememberDevice } from "./device-trust";
import { DEVICE_TRUST_MS } from "./session-policy";

const KEY = randomBytes(32);
const NOW = new Date("2026-03-01T02:00:00.000Z");
const name = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{1,20}$/);

describe("device cookies", () => {
  it("recognise a browser for the account it signed in to, and for no other", () => {
    fc.assert(
      fc.property(name, name, (user, other) => {
        fc.pre(user !== other);
        const cookie = rememberDevice(KEY, undefined, user, NOW);
        expect(recogniseDevice(KEY, cookie, user, NOW)).toBeDefined();
        expect(recogniseDevice(KEY, cookie, other, NOW)).toBeUndefined();
        expect(recogniseDevice(randomBytes(32), cookie, user, NOW)).toBeUndefined();
      }),
    );
  });

  it("refuse a token with any character changed", () => {
    const cookie = rememberDevice(KEY, undefined, "alice", NOW);
    fc.assert(
      fc.property(fc.nat(cookie.length - 1), fc.constantFrom(..."AZaz09-_."), (at, char) => {
        fc.pre(cookie[at] !== char);
        const changed = cookie.slice(0, at) + char + cookie.slice(at + 1);
        expect(recogniseDevice(KEY, changed, "alice", NOW)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it("keep the tokens of other accounts a shared browser signed in to, at most five", () => {
    let cookie: string | undefined;
    const users = ["a1", "b2", "c3", "d4", "e5", "f6"];
    for (const user of users) cookie = rememberDevice(KEY, cookie, user, NOW);
    for (const user of users.slice(1))
      expect(recogniseDevice(KEY, cookie, user, NOW)).toBeDefined();
    expect(recogniseDevice(KEY, cookie, "a1", NOW)).toBeUndefined();
    // Signing in again replaces the account's token instead of adding one.
    const again = rememberDevice(KEY, cookie, "f6", NOW);
    expect(again.split(",")).toHaveLength(5);
  });

  it("stop trusting after 90 days, and after the password changes", () => {
    const cookie = rememberDevice(KEY, undefined, "alice", NOW);
    const later = new Date(NOW.getTime() + DEVICE_TRUST_MS + 1000);
    expect(recogniseDevice(KEY, cookie, "alice", later)).toBeUndefined();
    const changed = new Date(NOW.getTime() + 1000).toISOString();
    expect(recogniseDevice(KEY, cookie, "alice", later, changed)).toBeUndefined();
    expect(
      recogniseDevice(KEY, cookie, "alice", new Date(NOW.getTime() + 2000), changed),
    ).toBeUndefined();
    expect(
      recogniseDevice(KEY, cookie, "alice", new Date(NOW.getTime() + 2000), NOW.toISOString()),
    ).toBeDefined();
  });
});
