import {
  coefficientOfVariation,
  measureEqualization,
  populationWeights,
  type RegionPoint,
} from "../equalization/measures";
import { evaluateFormula } from "../formula/evaluate";
import type { Dataset, Indicator } from "../model";
import type { ElementValues } from "./element-values";
import { ratioUnderRule } from "./rules";
import type { IndicatorResult } from "./types";

type Evaluated = Omit<IndicatorResult, "loss">;

function regionValues(indicator: Indicator, values: ElementValues, dataset: Dataset) {
  const regions: Record<string, number> = {};
  const points: RegionPoint[] = [];
  for (const region of dataset.regions) {
    const own = values.byRegion.get(region.code)!;
    const result = evaluateFormula(indicator.compiled, (code) => own.get(code));
    if (result.kind !== "value") continue;
    regions[region.code] = result.value;
    points.push({ value: result.value, population: region.population, group: region.group });
  }
  return { regions, points };
}

/** Evaluates one indicator on the city's and each region's figures, then applies its rule. */
export function scoreIndicator(
  indicator: Indicator,
  values: ElementValues,
  dataset: Dataset,
): Evaluated {
  const { regions, points } = regionValues(indicator, values, dataset);
  const base = {
    code: indicator.code,
    partCode: indicator.partCode,
    domain: indicator.domain,
    department: indicator.department,
    regions,
    missingInputs: [] as string[],
    ...(points.length >= 2 ? { equalization: measureEqualization(points) } : {}),
  };

  if (indicator.rule.type === "cv") {
    if (points.length < 2) return { ...base, status: "missing", value: null, ratio: 0 };
    const cv = coefficientOfVariation(
      points.map((point) => point.value),
      populationWeights(points),
    );
    if (cv === null) return { ...base, status: "error", value: null, ratio: 0 };
    return { ...base, status: "ok", value: cv, ratio: ratioUnderRule(indicator.rule, cv) };
  }

  const result = evaluateFormula(indicator.compiled, (code) => values.city.get(code));
  if (result.kind === "missing") {
    return { ...base, missingInputs: result.inputs, status: "missing", value: null, ratio: 0 };
  }
  if (result.kind === "error") return { ...base, status: "error", value: null, ratio: 0 };
  return {
    ...base,
    status: "ok",
    value: result.value,
    ratio: ratioUnderRule(indicator.rule, result.value),
  };
}
