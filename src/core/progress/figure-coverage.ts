import { CITY } from "../formats/check-data";

export interface Coverage {
  filled: number;
  expected: number;
}

/**
 * How many figures a department has entered of those it is expected to enter.
 *
 * The rule: every data element its indicators read expects one figure per region. All
 * three aggregations (`sum`, `mean`, `popmean`) build the city value from the regions'
 * figures, and the per-region figures are what the spread measures and `cv` rules use,
 * so the aggregation does not change what is expected. The one exception is an element
 * entered only as a city figure (a city-wide survey, say, like the demo's bus trips): the
 * scorer takes the city figure as given, so that element expects — and has — that one
 * figure. A city figure next to region figures adds nothing: the regions are counted.
 * A year without regions expects the city figure of each element.
 */
export function figureCoverage(
  elements: Iterable<string>,
  regions: readonly string[],
  entered: (element: string) => ReadonlySet<string> | undefined,
): Coverage {
  let filled = 0;
  let expected = 0;
  for (const element of elements) {
    const figures = entered(element);
    const regionsFilled = regions.filter((region) => figures?.has(region)).length;
    if (regions.length === 0 || (regionsFilled === 0 && figures?.has(CITY))) {
      expected += 1;
      filled += figures?.has(CITY) ? 1 : 0;
    } else {
      expected += regions.length;
      filled += regionsFilled;
    }
  }
  return { filled, expected };
}
