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

function regionValues(indicator: Indicator, values: ElementValues, dataset: Dataset) {
  const regions: Record<string, number> = {};
  const points: RegionPoint[] = [];
  for (const region of dataset.regions) {
    const result = evaluateFormula(indicator.compiled, (code) =>
      values.regionValue(region.code, code),
    );
    if (result.kind !== "value") continue;
    regions[region.code] = result.value;
    points.push({ value: result.value, population: region.population, group: region.group });
  }
  return { regions, points };
}

/**
 * Evaluates one indicator on the city's and each region's figures, then applies its
 * rule. Its loss is filled in later, once the part's total weight is known. (Built as
 * one object literal: spreading partial objects here was the scorer's main cost.)
 */
export function scoreIndicator(
  indicator: Indicator,
  values: ElementValues,
  dataset: Dataset,
): IndicatorResult {
  const { regions, points } = regionValues(indicator, values, dataset);
  const result: IndicatorResult = {
    code: indicator.code,
    partCode: indicator.partCode,
    domain: indicator.domain,
    department: indicator.department,
    status: "ok",
    value: null,
    ratio: 0,
    loss: 0,
    missingInputs: [],
    regions,
  };
  if (points.length >= 2) result.equalization = measureEqualization(points);

  if (indicator.rule.type === "cv") {
    const cv =
      points.length < 2
        ? undefined
        : coefficientOfVariation(
            points.map((point) => point.value),
            populationWeights(points),
          );
    if (cv === undefined) result.status = "missing";
    else if (cv === null) result.status = "error";
    else {
      result.value = cv;
      result.ratio = ratioUnderRule(indicator.rule, cv);
    }
    return result;
  }

  const outcome = evaluateFormula(indicator.compiled, (code) => values.city.get(code));
  if (outcome.kind === "missing") {
    result.status = "missing";
    result.missingInputs = outcome.inputs;
  } else if (outcome.kind === "error") {
    result.status = "error";
  } else {
    result.value = outcome.value;
    result.ratio = ratioUnderRule(indicator.rule, outcome.value);
  }
  return result;
}
