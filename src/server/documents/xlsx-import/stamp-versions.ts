import type { Region } from "../../../core/model";
import type { LoadedCycle } from "../../cycles/load-cycle";
import type { Repositories } from "../../repositories";
import { templateInputCells, type TemplateInputCell } from "../xlsx/template-layout";
import { stampValueKey, type TemplateStamp } from "./template-stamp";

/** The year's regions as the core describes them (the layout takes these). */
export const coreRegions = (loaded: Pick<LoadedCycle, "regions">): Region[] =>
  loaded.regions.map((region) => ({
    code: region.code,
    name: region.name,
    ...(region.population === null ? {} : { population: region.population }),
    ...(region.group === null ? {} : { group: region.group }),
  }));

/** The input cells of a department's template for this year. */
export const departmentTemplateCells = (
  loaded: Pick<LoadedCycle, "framework" | "regions">,
  department: string,
): TemplateInputCell[] => templateInputCells(loaded.framework, coreRegions(loaded), department);

/**
 * The stamp for a template downloaded now: the stored version of every figure and work
 * answer among its input cells (0 for one not stored).
 *
 * Read it BEFORE the figures that go into the workbook (or in the same snapshot). A
 * save landing in between then leaves the stamp older than the file's figure, so a
 * later change to that cell is a conflict; read the other way round, the stamp would
 * vouch for a figure the file does not hold, and the upload would quietly take the
 * online save back.
 */
export async function stampForDownload(
  repos: Repositories,
  loaded: Pick<LoadedCycle, "cycle" | "framework" | "regions">,
  department: string,
  issuedAt: string,
): Promise<TemplateStamp> {
  const cells = departmentTemplateCells(loaded, department);
  const elements = new Set<string>();
  for (const { target } of cells) if (target.kind === "value") elements.add(target.element);
  const [values, answers] = await Promise.all([
    repos.values.forElements(loaded.cycle.id, [...elements]),
    repos.work.forCycle(loaded.cycle.id),
  ]);
  const storedValues = new Map(
    values.map((row) => [stampValueKey(row.element_code, row.region_code), row.version]),
  );
  const storedWork = new Map(answers.map((answer) => [answer.itemCode, answer.version]));
  const valueVersions = new Map<string, number>();
  const workVersions = new Map<string, number>();
  for (const { target } of cells) {
    if (target.kind === "value") {
      const key = stampValueKey(target.element, target.region);
      valueVersions.set(key, storedValues.get(key) ?? 0);
    } else {
      workVersions.set(target.item, storedWork.get(target.item) ?? 0);
    }
  }
  return {
    year: loaded.cycle.year,
    department,
    issuedAt,
    values: valueVersions,
    work: workVersions,
  };
}
