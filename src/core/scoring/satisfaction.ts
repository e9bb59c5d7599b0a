import type { Satisfaction } from "../formats/data-schema";

/** The satisfaction figure on the part's scale: the number, or the weighted mean of survey items. */
export function satisfactionValue(satisfaction: Satisfaction | undefined): number | undefined {
  if (satisfaction === undefined) return undefined;
  if (typeof satisfaction === "number") return satisfaction;
  const totalWeight = satisfaction.items.reduce((sum, item) => sum + item.weight, 0);
  return satisfaction.items.reduce((sum, item) => sum + item.score * item.weight, 0) / totalWeight;
}
