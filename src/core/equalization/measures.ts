import { finiteOrNull, normalizeMagnitude } from "../numbers/scaled";

/** One region's value of an indicator, with what equalization weighs it by. */
export interface RegionPoint {
  value: number;
  population?: number;
  group?: string;
}

/**
 * Spread of an indicator across regions (spec §4); `null` where a measure is undefined
 * or its result is not a finite number.
 */
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

/*
 * Every measure here is unchanged when all values, or all weights, are multiplied by
 * the same positive number. The public functions therefore work on weights divided by
 * a power of two (normalizeMagnitude: exact, the same shares), and take a measure
 * again on values divided so when it overflowed on the values as given: figures of
 * ±1.7e308 then no longer overflow sums and squares whose final ratio is an ordinary
 * number. What is still not finite (a max/min past 1.7e308) is null.
 */

function total(weights: readonly number[]): number {
  return weights.reduce((sum, weight) => sum + weight, 0);
}

/**
 * Σ wⱼ xⱼ / Σ wⱼ, or NaN when that overflowed: a measure divided by an infinite mean
 * would come out as a plausible 0, so every measure below turns NaN instead and is
 * taken again on normalized values.
 */
function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += weights[j]! * values[j]!;
  const mean = sum / total(weights);
  return Number.isFinite(mean) ? mean : NaN;
}

/** w r ln r, with its limit 0 at r = 0 (a tiny value that normalizing took to 0); NaN stays NaN. */
function theilTerm(weight: number, relative: number): number {
  return relative === 0 ? 0 : weight * relative * Math.log(relative);
}

/** Theil T of values > 0 (the caller checks the originals). */
function theilT(values: readonly number[], weights: readonly number[]): number {
  const mean = weightedMean(values, weights);
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += theilTerm(weights[j]!, values[j]! / mean);
  return sum / total(weights);
}

/** NaN when the mean is 0 (undefined), like an overflow: both end as null. */
function cv(values: readonly number[], weights: readonly number[]): number {
  const mean = weightedMean(values, weights);
  if (mean === 0) return NaN;
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += weights[j]! * (values[j]! - mean) ** 2;
  return Math.sqrt(sum / total(weights)) / mean;
}

/**
 * A measure on the values as given; if that is not finite, on the normalized values
 * (the same measure, without overflow on the way); null if that is not finite either.
 */
function measured(
  measure: (values: readonly number[]) => number,
  values: readonly number[],
): number | null {
  const plain = measure(values);
  if (Number.isFinite(plain)) return plain + 0;
  return finiteOrNull(measure(normalizeMagnitude(values)));
}

/**
 * Coefficient of variation, √(Σ sⱼ (xⱼ − μ)²) / μ; null when the mean is 0 or the
 * result is not finite (a mean near 0 beside a wide spread).
 */
export function coefficientOfVariation(
  values: readonly number[],
  weights: readonly number[],
): number | null {
  const shares = normalizeMagnitude(weights);
  return measured((xs) => cv(xs, shares), values);
}

/**
 * Gini, Σᵢ Σⱼ sᵢ sⱼ |xᵢ − xⱼ| / (2μ); null when the mean is 0. Taken over the values in
 * order, each gap between neighbours counted once for every pair it separates (the
 * weight below it times the weight above it): the same sum in n log n steps instead of
 * n², and exactly 0 for equal values.
 */
function gini(values: readonly number[], weights: readonly number[]): number {
  const mean = weightedMean(values, weights);
  if (mean === 0) return NaN;
  const order = values.map((_, j) => j).sort((a, b) => values[a]! - values[b]!);
  const all = total(weights);
  let below = 0;
  let sum = 0;
  for (let k = 0; k + 1 < order.length; k++) {
    below += weights[order[k]!]!;
    const gap = values[order[k + 1]!]! - values[order[k]!]!;
    sum += gap * below * (all - below);
  }
  return sum / all ** 2 / mean;
}

/** Theil's between-group and within-group parts, for values > 0 that all have a group. */
function theilDecomposition(
  points: readonly RegionPoint[],
  values: readonly number[],
  weights: readonly number[],
): { between: number; within: number } {
  const mean = weightedMean(values, weights);
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
    between += theilTerm(groupShare, relative);
    within += groupShare * relative * theilT(groupValues, groupWeights);
  }
  return { between, within };
}

/** All equalization measures of spec §4, for two or more regions. */
export function measureEqualization(points: readonly RegionPoint[]): Equalization {
  const values = points.map((point) => point.value);
  const weights = normalizeMagnitude(populationWeights(points));
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const positive = min > 0;
  const grouped = positive && points.every((point) => point.group !== undefined);
  return {
    cv: measured((xs) => cv(xs, weights), values),
    theil: positive ? measured((xs) => theilT(xs, weights), values) : null,
    gini: measured((xs) => gini(xs, weights), values),
    maxMin: positive ? finiteOrNull(max / min) : null,
    theilBetween: grouped
      ? measured((xs) => theilDecomposition(points, xs, weights).between, values)
      : null,
    theilWithin: grouped
      ? measured((xs) => theilDecomposition(points, xs, weights).within, values)
      : null,
  };
}
