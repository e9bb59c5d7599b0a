import { CITY } from "../formats/check-data";
import type { Dataset, Framework, Region } from "../model";

/**
 * The figures an indicator formula reads: one city-wide value per data element and
 * each region's own values.
 */
export interface ElementValues {
  city: Map<string, number>;
  byRegion: Map<string, Map<string, number>>;
}

function aggregate(
  aggregation: "sum" | "mean" | "popmean",
  entries: { value: number; region: Region }[],
): number {
  if (aggregation === "sum") return entries.reduce((sum, entry) => sum + entry.value, 0);
  const withPopulation = entries.every((entry) => entry.region.population !== undefined);
  if (aggregation === "popmean" && withPopulation) {
    const population = entries.reduce((sum, entry) => sum + entry.region.population!, 0);
    return (
      entries.reduce((sum, entry) => sum + entry.value * entry.region.population!, 0) / population
    );
  }
  // `mean`, and `popmean` when a region lacks its population: the plain mean.
  return entries.reduce((sum, entry) => sum + entry.value, 0) / entries.length;
}

/** City value of every element: the `city` entry when given, else the aggregation over regions. */
export function collectElementValues(framework: Framework, dataset: Dataset): ElementValues {
  const city = new Map<string, number>();
  const byRegion = new Map<string, Map<string, number>>();
  for (const region of dataset.regions) byRegion.set(region.code, new Map());
  const regions = new Map(dataset.regions.map((region) => [region.code, region]));

  for (const [code, element] of framework.elements) {
    const given = dataset.doc.values[code];
    if (!given) continue;
    const entries: { value: number; region: Region }[] = [];
    for (const [regionCode, value] of Object.entries(given)) {
      if (regionCode === CITY) continue;
      const region = regions.get(regionCode)!;
      entries.push({ value, region });
      byRegion.get(regionCode)!.set(code, value);
    }
    const cityValue = given[CITY];
    if (cityValue !== undefined) city.set(code, cityValue);
    else if (entries.length > 0) city.set(code, aggregate(element.aggregation, entries));
  }
  return { city, byRegion };
}
