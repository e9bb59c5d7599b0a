import { useCallback, useSyncExternalStore } from "react";
import type { CycleRegion } from "../../../contract/api";
import { cityFigure } from "../../shared/city-figure";
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
  // The regions' figures only: the city cell shows what the regions add up to.
  const figures: Record<string, { value: number }> = {};
  for (const region of regions) {
    const value = values?.[region.code];
    if (value !== undefined) figures[region.code] = { value };
  }
  return cityFigure(aggregation, figures, regions)?.value ?? null;
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
