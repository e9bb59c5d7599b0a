import { DATA_FORMAT, type DataDoc } from "../../core";
import type { UseCaseDeps } from "../context";
import type { LoadedCycle } from "./load-cycle";

/**
 * The year's stored figures as a `kaoping/data@1` document: what the export returns
 * and what the score is computed from, so the two can never disagree.
 */
export async function gatherDataDocument(
  deps: Pick<UseCaseDeps, "repos">,
  loaded: LoadedCycle,
): Promise<DataDoc> {
  const { cycle, regions } = loaded;
  const [values, answers] = await Promise.all([
    deps.repos.values.forCycle(cycle.id),
    deps.repos.work.forCycle(cycle.id),
  ]);
  const byElement: Record<string, Record<string, number>> = {};
  for (const row of values) (byElement[row.element_code] ??= {})[row.region_code] = row.value;
  const work: Record<string, Record<string, number>> = {};
  for (const answer of answers) work[answer.itemCode] = answer.awarded;
  const doc: DataDoc = {
    format: DATA_FORMAT,
    framework: loaded.framework.doc.code,
    year: cycle.year,
    regions: regions.map((region) => ({
      code: region.code,
      name: region.name,
      ...(region.population === null ? {} : { population: region.population }),
      ...(region.group === null ? {} : { group: region.group }),
    })),
    values: byElement,
    work,
  };
  if (cycle.satisfaction !== null)
    doc.satisfaction = JSON.parse(cycle.satisfaction) as DataDoc["satisfaction"];
  return doc;
}
