import type { Satisfaction } from "../formats/data-schema";
import { weightedMeanOf } from "../numbers/scaled";

/**
 * The satisfaction figure on the part's scale: the number, or the weighted mean of
 * survey items (taken so that huge scores or weights cannot overflow half-way; the
 * result is ±Infinity only when the mean itself lies beyond the largest double).
 */
export function satisfactionValue(satisfaction: Satisfaction | undefined): number | undefined {
  if (satisfaction === undefined) return undefined;
  if (typeof satisfaction === "number") return satisfaction;
  return weightedMeanOf(
    satisfaction.items.map((item) => item.score),
    satisfaction.items.map((item) => item.weight),
  );
}
