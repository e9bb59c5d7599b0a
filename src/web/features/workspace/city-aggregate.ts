import { useCallback, useSyncExternalStore } from "react";
import type { CycleRegion } from "../../../contract/api";
import type { FigureStore } from "./figure-store";

/**
 * The city value the scorer would build from the regions' figures when no city figure
 * is entered (shown as the city cell's placeholder): sum, plain mean, or the mean
 * weighted by population. Null when no region has a figure.
 */
export function aggregateRegions(
  aggregation: "sum" | "mean" | "popmean",
  values: Record<string, number> | undefined,
  regions: readonly CycleRegion[],
): number | null {
  let sum = 0;
  let weighted = 0;
  let weights = 0;
  let count = 0;
  let everyPopulation = true;
  for (const region of regions) {
    const value = values?.[region.code];
    if (value === undefined) continue;
    count++;
    sum += value;
    if (region.population === null) everyPopulation = false;
    else {
      weighted += value * region.population;
      weights += region.population;
    }
  }
  if (count === 0) return null;
  if (aggregation === "sum") return sum;
  if (aggregation === "popmean" && everyPopulation && weights > 0) return weighted / weights;
  return sum / count;
}

/** The live aggregate of one element, re-rendering only when the number changes. */
export function useCityAggregate(
  store: FigureStore,
  element: string,
  aggregation: "sum" | "mean" | "popmean",
  regions: readonly CycleRegion[],
): number | null {
  const subscribe = useCallback((listener: () => void) => store.subscribeAll(listener), [store]);
  return useSyncExternalStore(subscribe, () =>
    aggregateRegions(aggregation, store.values()[element], regions),
  );
}
