/** One region's value of an indicator, with what equalization weighs it by. */
export interface RegionPoint {
  value: number;
  population?: number;
  group?: string;
}

/** Spread of an indicator across regions (spec §4); `null` where a measure is undefined. */
export interface Equalization {
  cv: number | null;
  theil: number | null;
  gini: number | null;
  maxMin: number | null;
  theilBetween: number | null;
  theilWithin: number | null;
}

/** Population shares; equal shares (1/n) when any population is missing. */
export function populationShares(points: readonly RegionPoint[]): number[] {
  const n = points.length;
  if (points.some((point) => point.population === undefined)) return points.map(() => 1 / n);
  const total = points.reduce((sum, point) => sum + point.population!, 0);
  return points.map((point) => point.population! / total);
}

function weightedMean(values: readonly number[], shares: readonly number[]): number {
  let mean = 0;
  for (let j = 0; j < values.length; j++) mean += shares[j]! * values[j]!;
  return mean;
}

/** Theil T for values with shares that add up to 1; null when a value ≤ 0. */
function theilT(values: readonly number[], shares: readonly number[]): number | null {
  if (values.some((value) => value <= 0)) return null;
  const mean = weightedMean(values, shares);
  let theil = 0;
  for (let j = 0; j < values.length; j++) {
    const relative = values[j]! / mean;
    theil += shares[j]! * relative * Math.log(relative);
  }
  return theil;
}

/** Coefficient of variation with the given shares; null when the mean is 0. */
export function coefficientOfVariation(
  values: readonly number[],
  shares: readonly number[],
): number | null {
  const mean = weightedMean(values, shares);
  if (mean === 0) return null;
  let variance = 0;
  for (let j = 0; j < values.length; j++) variance += shares[j]! * (values[j]! - mean) ** 2;
  return Math.sqrt(variance) / mean;
}

function gini(values: readonly number[], shares: readonly number[], mean: number): number | null {
  if (mean === 0) return null;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      total += shares[i]! * shares[j]! * Math.abs(values[i]! - values[j]!);
    }
  }
  return total / (2 * mean);
}

function theilDecomposition(
  points: readonly RegionPoint[],
  values: readonly number[],
  shares: readonly number[],
  mean: number,
): { between: number; within: number } | null {
  if (points.some((point) => point.group === undefined)) return null;
  if (values.some((value) => value <= 0)) return null;
  const groups = new Map<string, number[]>();
  points.forEach((point, j) => {
    const members = groups.get(point.group!) ?? [];
    members.push(j);
    groups.set(point.group!, members);
  });
  let between = 0;
  let within = 0;
  for (const members of groups.values()) {
    const groupShare = members.reduce((sum, j) => sum + shares[j]!, 0);
    const groupValues = members.map((j) => values[j]!);
    const innerShares = members.map((j) => shares[j]! / groupShare);
    const groupMean = weightedMean(groupValues, innerShares);
    const relative = groupMean / mean;
    between += groupShare * relative * Math.log(relative);
    within += groupShare * relative * theilT(groupValues, innerShares)!;
  }
  return { between, within };
}

/** All equalization measures of spec §4 for two or more regions. */
export function measureEqualization(points: readonly RegionPoint[]): Equalization {
  const values = points.map((point) => point.value);
  const shares = populationShares(points);
  const mean = weightedMean(values, shares);
  const min = Math.min(...values);
  const decomposition = theilDecomposition(points, values, shares, mean);
  return {
    cv: coefficientOfVariation(values, shares),
    theil: theilT(values, shares),
    gini: gini(values, shares, mean),
    maxMin: min > 0 ? Math.max(...values) / min : null,
    theilBetween: decomposition?.between ?? null,
    theilWithin: decomposition?.within ?? null,
  };
}
