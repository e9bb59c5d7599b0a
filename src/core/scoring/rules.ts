import type { Rule } from "../formats/framework-schema";
import { clamp01 } from "./round";

/**
 * (v − from) / (to − from) without overflow: when `to − from` or `v − from` lies beyond
 * the largest double (from −1e308 to 1e308), the halves of all three are subtracted
 * instead, which gives the same ratio. Ordinary rules keep the plain form, bit for bit.
 */
function linearPosition(value: number, from: number, to: number): number {
  const span = to - from;
  const offset = value - from;
  if (Number.isFinite(span) && Number.isFinite(offset)) return offset / span;
  return (value / 2 - from / 2) / (to / 2 - from / 2);
}

/**
 * The ratio r in [0, 1] that a finite value earns under a rule. For a `cv` rule,
 * `value` is the coefficient of variation across regions. A quotient past the largest
 * double is ±Infinity, which clamps to 1 or 0 like any other quotient beyond [0, 1].
 */
export function ratioUnderRule(rule: Rule, value: number): number {
  switch (rule.type) {
    case "ratio":
      return clamp01(value / rule.target);
    case "inverse":
      return value <= rule.target ? 1 : clamp01(rule.target / value);
    case "atLeast":
      return value >= rule.target ? 1 : 0;
    case "atMost":
      return value <= rule.target ? 1 : 0;
    case "linear":
      return clamp01(linearPosition(value, rule.from, rule.to));
    case "bands": {
      let best: { min: number; r: number } | undefined;
      for (const band of rule.bands) {
        if (band.min <= value && (!best || band.min > best.min)) best = band;
      }
      return best ? best.r : 0;
    }
    case "cv":
      return clamp01(linearPosition(value, rule.max, rule.target));
  }
}

/** The value that earns the rule's best ratio (r = 1 where the rule allows it); never −0. */
export function valueNeeded(rule: Rule): number {
  switch (rule.type) {
    case "ratio":
    case "inverse":
    case "atLeast":
    case "atMost":
    case "cv":
      return rule.target + 0;
    case "linear":
      return rule.to + 0;
    case "bands": {
      // The lowest min among the bands with the highest r (loops: a list may be long).
      let best = rule.bands[0]!;
      for (const band of rule.bands) {
        if (band.r > best.r || (band.r === best.r && band.min < best.min)) best = band;
      }
      return best.min + 0;
    }
  }
}
