import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

/** `--seed` replays a crash run only if the same seed gives the same choices. */
describe("the crash run's seeded random streams", () => {
  const draws = (seed: number, stream: string) => {
    const random = createRandom(seed, stream);
    return Array.from({ length: 20 }, () => random.next());
  };

  it("repeat for the same seed and stream, and differ between streams and seeds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.string(), (seed, stream) => {
        expect(draws(seed, stream)).toEqual(draws(seed, stream));
        expect(draws(seed, stream)).not.toEqual(draws(seed, `${stream}x`));
        expect(draws(seed, stream)).not.toEqual(draws((seed + 1) >>> 0, stream));
      }),
    );
  });

  it("draw integers within their bounds, both ends included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, low, span) => {
          const random = createRandom(seed);
          const seen = new Set<number>();
          for (let i = 0; i < 400; i++) {
            const value = random.int(low, low + span);
            expect(value).toBeGreaterThanOrEqual(low);
            expect(value).toBeLessThanOrEqual(low + span);
            expect(Number.isInteger(value)).toBe(true);
            seen.add(value);
          }
          if (span <= 5) expect(seen.size).toBe(span + 1);
        },
      ),
    );
  });
});
