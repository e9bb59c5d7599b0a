import { localized, type Localized } from "../text/localized";

/** The optional bounds of a data element (framework format: `dataElements[].min` / `max`). */
export interface ElementBounds {
  min?: number;
  max?: number;
}

/**
 * Why a figure cannot be a data element's value: below its `min` or above its `max`
 * (both inclusive), naming the bound; `undefined` when it lies within them. The one
 * check behind both the data-file loader and a figure saved through the API.
 */
export function boundViolation(bounds: ElementBounds, value: number): Localized | undefined {
  if (bounds.min !== undefined && value < bounds.min) {
    return localized(
      `数值 ${value} 小于下限 ${bounds.min}`,
      `value ${value} is below the minimum ${bounds.min}`,
    );
  }
  if (bounds.max !== undefined && value > bounds.max) {
    return localized(
      `数值 ${value} 大于上限 ${bounds.max}`,
      `value ${value} is above the maximum ${bounds.max}`,
    );
  }
  return undefined;
}
