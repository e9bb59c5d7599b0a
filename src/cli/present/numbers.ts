/** A score or a loss as evaluators write it: four decimals. */
export function fixed4(value: number): string {
  return value.toFixed(4);
}

/** A figure with thousands separators and at most `digits` decimals (zh-CN style). */
export function figure(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, useGrouping: true });
}

/** A ratio in [0, 1] as a percentage with one decimal. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
