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

function aggregate(
  aggregation: "sum" | "mean" | "popmean",
  given: Record<string, number>,
  regions: Map<string, Region>,
): number | undefined {
  let count = 0;
  let sum = 0;
  let weighted = 0;
  let population = 0;
  let everyPopulation = true;
  for (const regionCode in given) {
    if (regionCode === CITY) continue;
    const value = given[regionCode]!;
    const regionPopulation = regions.get(regionCode)!.population;
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
  const regions = new Map(dataset.regions.map((region) => [region.code, region]));
  const city = new Map<string, number>();
  for (const [code, element] of framework.elements) {
    const given = values[code];
    if (!given) continue;
    const value = given[CITY] ?? aggregate(element.aggregation, given, regions);
    if (value !== undefined) city.set(code, value);
  }
  return {
    city,
    regionValue: (regionCode, element) => values[element]?.[regionCode],
  };
}
