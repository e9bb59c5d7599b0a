import type fc from "fast-check";

function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not "${raw}"`);
  return value;
}

/**
 * Parameters for property tests that fuzz inputs. On a failure fast-check prints the
 * seed and the path of the counterexample; to replay it, run the test again with
 * `KAOPING_FUZZ_SEED=<seed>` (and `KAOPING_FUZZ_PATH=<path>` to go straight to the
 * shrunk case). `KAOPING_FUZZ_RUNS=<n>` runs longer than the few seconds `npm test`
 * spends by default.
 */
export function fuzzParameters<T>(defaultRuns: number): fc.Parameters<T> {
  const seed = integerFromEnv("KAOPING_FUZZ_SEED");
  const runs = integerFromEnv("KAOPING_FUZZ_RUNS");
  const path = process.env.KAOPING_FUZZ_PATH;
  return {
    numRuns: runs ?? defaultRuns,
    ...(seed === undefined ? {} : { seed }),
    ...(path ? { path } : {}),
  };
}

/** Vitest's per-test timeout: the default, or an hour when KAOPING_FUZZ_RUNS asks for a long run. */
export const FUZZ_TEST_TIMEOUT = process.env.KAOPING_FUZZ_RUNS ? 3_600_000 : undefined;
