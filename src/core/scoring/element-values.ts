import { CITY } from "../formats/check-data";
import type { Dataset, Framework, Region } from "../model";
import { sumOf, weightedMeanOf } from "../numbers/scaled";

/**
 * The figures an indicator formula reads: one city-wide value per data element, and
 * each region's own values (read straight from the data document). A city value is
 * ±Infinity only when a sum truly lies beyond the largest double; the formula
 * evaluator turns such an input into an error.
 */
export interface ElementValues {
  city: Map<string, number>;
  regionValue(regionCode: string, element: string): number | undefined;
}

/**
 * Own entries only: a region coded `constructor` or `toString` must not read a
 * function inherited from Object.prototype as its figure.
 */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Aggregates in the order of the data file's region list, not the order the values
 * happen to be written in, so a file and its export (or a re-ordered copy of the
 * values) give bit-identical city figures. Sums and means are taken on figures scaled
 * by a power of two (numbers/scaled.ts), so huge figures or populations cannot
 * overflow half-way to a mean that is an ordinary number.
 */
function aggregate(
  aggregation: "sum" | "mean" | "popmean",
  given: Record<string, number>,
  regions: readonly Region[],
): number | undefined {
  const values: number[] = [];
  const populations: number[] = [];
  let everyPopulation = true;
  for (const region of regions) {
    const value = own(given, region.code);
    if (value === undefined) continue;
    values.push(value);
    if (region.population === undefined) everyPopulation = false;
    else populations.push(region.population);
  }
  if (values.length === 0) return undefined;
  if (aggregation === "sum") return sumOf(values);
  if (aggregation === "popmean" && everyPopulation) return weightedMeanOf(values, populations);
  // `mean`, and `popmean` when a region lacks its population: the plain mean.
  return weightedMeanOf(
    values,
    values.map(() => 1),
  );
}

/** City value of every element: the `city` entry when given, else the aggregation over regions. */
export function collectElementValues(framework: Framework, dataset: Dataset): ElementValues {
  const values = dataset.doc.values;
  const city = new Map<string, number>();
  for (const [code, element] of framework.elements) {
    const given = own(values, code);
    if (!given) continue;
    const value = own(given, CITY) ?? aggregate(element.aggregation, given, dataset.regions);
    if (value !== undefined) city.set(code, value);
  }
  return {
    city,
    regionValue: (regionCode, element) => own(own(values, element), regionCode),
  };
}
