/**
 * Compares a result with an expected document: same keys, same order in lists,
 * numbers within `tolerance` (absolute, or relative for large numbers), except at the
 * paths listed in `exact` (the rounded score), which must be identical.
 */
export function differences(
  actual: unknown,
  expected: unknown,
  path = "$",
  tolerance = 1e-12,
  exact: readonly string[] = ["$.score"],
): string[] {
  if (typeof expected === "number" && typeof actual === "number") {
    if (exact.includes(path))
      return actual === expected ? [] : [`${path}: ${actual} ≠ ${expected}`];
    const allowed = Math.max(tolerance, Math.abs(expected) * tolerance);
    return Math.abs(actual - expected) <= allowed ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list`];
    if (actual.length !== expected.length) {
      return [`${path}: ${actual.length} items ≠ ${expected.length}: ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((item, index) =>
      differences(actual[index], item, `${path}[${index}]`, tolerance, exact),
    );
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual))
      return [`${path}: expected an object`];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => {
      if (!(key in expected)) return [`${path}.${key}: unexpected key`];
      if (!(key in actual)) return [`${path}.${key}: missing key`];
      return differences(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
        tolerance,
        exact,
      );
    });
  }
  return actual === expected
    ? []
    : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}
