import type { Rule } from "../formats/framework-schema";
import { clamp01 } from "./round";

/**
 * The ratio r in [0, 1] that a value earns under a rule. For a `cv` rule, `value`
 * is the coefficient of variation across regions.
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
      return clamp01((value - rule.from) / (rule.to - rule.from));
    case "bands": {
      let best: { min: number; r: number } | undefined;
      for (const band of rule.bands) {
        if (band.min <= value && (!best || band.min > best.min)) best = band;
      }
      return best ? best.r : 0;
    }
    case "cv":
      return clamp01((rule.max - value) / (rule.max - rule.target));
  }
}

/** The value that earns the rule's best ratio (r = 1 where the rule allows it). */
export function valueNeeded(rule: Rule): number {
  switch (rule.type) {
    case "ratio":
    case "inverse":
    case "atLeast":
    case "atMost":
    case "cv":
      return rule.target;
    case "linear":
      return rule.to;
    case "bands": {
      const bestR = Math.max(...rule.bands.map((band) => band.r));
      return Math.min(...rule.bands.filter((band) => band.r === bestR).map((band) => band.min));
    }
  }
}
