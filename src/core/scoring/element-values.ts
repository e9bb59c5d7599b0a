import { CITY } from "../formats/check-data";
import type { Dataset, Framework, Region } from "../model";

/**
 * The figures an indicator formula reads: one city-wide value per data element, and
 * each region's own values (read straight from the data document).
 */
export interface ElementValues {
  city: Map<string, number>;
  regionValue(regionCode: string, element: string): number | undefined;
}

/**
 * Aggregates in the order of the data file's region list, not the order the values
 * happen to be written in, so a file and its export (or a re-ordered copy of the
 * values) give bit-identical city figures.
 */
function aggregate(
  aggregation: "sum" | "mean" | "popmean",
  given: Record<string, number>,
  regions: readonly Region[],
): number | undefined {
  let count = 0;
  let sum = 0;
  let weighted = 0;
  let population = 0;
  let everyPopulation = true;
  for (const region of regions) {
    const value = given[region.code];
    if (value === undefined) continue;
    const regionPopulation = region.population;
    count++;
    sum += value;
    if (regionPopulation === undefined) everyPopulation = false;
    else {
      weighted += value * regionPopulation;
      population += regionPopulation;
    }
  }
  if (count === 0) return undefined;
  if (aggregation === "sum") return sum;
  if (aggregation === "popmean" && everyPopulation) return weighted / population;
  // `mean`, and `popmean` when a region lacks its population: the plain mean.
  return sum / count;
}

/** City value of every element: the `city` entry when given, else the aggregation over regions. */
export function collectElementValues(framework: Framework, dataset: Dataset): ElementValues {
  const values = dataset.doc.values;
  const city = new Map<string, number>();
  for (const [code, element] of framework.elements) {
    const given = values[code];
    if (!given) continue;
    const value = given[CITY] ?? aggregate(element.aggregation, given, dataset.regions);
    if (value !== undefined) city.set(code, value);
  }
  return {
    city,
    regionValue: (regionCode, element) => values[element]?.[regionCode],
  };
}
