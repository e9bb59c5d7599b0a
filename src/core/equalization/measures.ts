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

/**
 * The weights behind the population shares sⱼ = pⱼ / Σp: the populations, or 1 each
 * (shares 1/n) when any population is missing. Measures divide by the weights' total
 * where they use them, so that equal values have a mean equal to them and a spread of
 * exactly 0, whatever order the regions come in.
 */
export function populationWeights(points: readonly RegionPoint[]): number[] {
  if (points.some((point) => point.population === undefined)) return points.map(() => 1);
  return points.map((point) => point.population!);
}

function total(weights: readonly number[]): number {
  return weights.reduce((sum, weight) => sum + weight, 0);
}

function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += weights[j]! * values[j]!;
  return sum / total(weights);
}

/** Theil T; null when a value ≤ 0. */
function theilT(values: readonly number[], weights: readonly number[]): number | null {
  if (values.some((value) => value <= 0)) return null;
  const mean = weightedMean(values, weights);
  let sum = 0;
  for (let j = 0; j < values.length; j++) {
    const relative = values[j]! / mean;
    sum += weights[j]! * relative * Math.log(relative);
  }
  return sum / total(weights);
}

/** Coefficient of variation, √(Σ sⱼ (xⱼ − μ)²) / μ; null when the mean is 0. */
export function coefficientOfVariation(
  values: readonly number[],
  weights: readonly number[],
): number | null {
  const mean = weightedMean(values, weights);
  if (mean === 0) return null;
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += weights[j]! * (values[j]! - mean) ** 2;
  return Math.sqrt(sum / total(weights)) / mean;
}

/** Gini, Σᵢ Σⱼ sᵢ sⱼ |xᵢ − xⱼ| / (2μ); null when the mean is 0. */
function gini(values: readonly number[], weights: readonly number[], mean: number): number | null {
  if (mean === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      sum += weights[i]! * weights[j]! * Math.abs(values[i]! - values[j]!);
    }
  }
  return sum / total(weights) ** 2 / (2 * mean);
}

/** Theil's between-group and within-group parts; null unless every region has a group. */
function theilDecomposition(
  points: readonly RegionPoint[],
  values: readonly number[],
  weights: readonly number[],
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
  const all = total(weights);
  let between = 0;
  let within = 0;
  for (const members of groups.values()) {
    const groupWeights = members.map((j) => weights[j]!);
    const groupValues = members.map((j) => values[j]!);
    const groupShare = total(groupWeights) / all;
    const relative = weightedMean(groupValues, groupWeights) / mean;
    between += groupShare * relative * Math.log(relative);
    within += groupShare * relative * theilT(groupValues, groupWeights)!;
  }
  return { between, within };
}

/** All equalization measures of spec §4, for two or more regions. */
export function measureEqualization(points: readonly RegionPoint[]): Equalization {
  const values = points.map((point) => point.value);
  const weights = populationWeights(points);
  const mean = weightedMean(values, weights);
  const min = Math.min(...values);
  const decomposition = theilDecomposition(points, values, weights, mean);
  return {
    cv: coefficientOfVariation(values, weights),
    theil: theilT(values, weights),
    gini: gini(values, weights, mean),
    maxMin: min > 0 ? Math.max(...values) / min : null,
    theilBetween: decomposition?.between ?? null,
    theilWithin: decomposition?.within ?? null,
  };
}
