/**
 * A data element's city figure as the scorer reads it (spec §3.1): the `city` entry
 * when one was entered, else the aggregation over the regions that have a figure, in
 * the order of the year's regions, with the core's overflow-safe sums and means.
 */
import type { CycleRegion, ItemElement } from "../../contract/api";
import { CITY } from "../../core/formats/check-data";
import { sumOf, weightedMeanOf } from "../../core/numbers/scaled";

export interface CityFigure {
  value: number;
  /** True when the city figure was entered; false when aggregated from the regions. */
  entered: boolean;
}

export function cityFigure(
  aggregation: ItemElement["aggregation"],
  figures: Record<string, { value: number | null } | undefined>,
  regions: readonly Pick<CycleRegion, "code" | "population">[],
): CityFigure | null {
  const city = figures[CITY]?.value;
  if (city !== undefined && city !== null) return { value: city, entered: true };
  const values: number[] = [];
  const populations: number[] = [];
  let everyPopulation = true;
  for (const region of regions) {
    const value = Object.hasOwn(figures, region.code) ? figures[region.code]?.value : undefined;
    if (value === undefined || value === null) continue;
    values.push(value);
    if (region.population === null) everyPopulation = false;
    else populations.push(region.population);
  }
  if (values.length === 0) return null;
  if (aggregation === "sum") return { value: sumOf(values), entered: false };
  if (aggregation === "popmean" && everyPopulation) {
    return { value: weightedMeanOf(values, populations), entered: false };
  }
  return {
    value: weightedMeanOf(
      values,
      values.map(() => 1),
    ),
    entered: false,
  };
}
