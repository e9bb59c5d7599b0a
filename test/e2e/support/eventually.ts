import { expect } from "vitest";

/**
 * expect.poll with room for a busy machine: the page gets 30 s to show what the test
 * expects (vitest's default of 1 s is meant for in-process code, not a browser).
 */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: 30_000, interval: 100, ...(message ? { message } : {}) });
}
