import { loadData, type DataDoc } from "../../core";
import type { CycleStatus } from "../db/schema";
import { recordAudit } from "../audit/record";
import type { UseCaseDeps } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { localized } from "../../core";

export interface CreateCycleInput {
  year: number;
  frameworkId: string;
  /** Defaults: departments 10 March, province 25 March of the following year. */
  departmentsDue?: string;
  provinceDue?: string;
  /** Figures to start from (a `kaoping/data@1` document for this framework). */
  data?: DataDoc;
  regions?: DataDoc["regions"];
  /** Open (the default) for figures to be entered; closed for a past year kept to compare. */
  status?: CycleStatus;
}

/** Default deadlines of the yearly plan: 10 March and 25 March after the evaluation year. */
export function defaultDeadlines(year: number) {
  return { departmentsDue: `${year + 1}-03-10`, provinceDue: `${year + 1}-03-25` };
}

/**
 * Opens an evaluation year pinned to one framework version, with its regions and,
 * optionally, starting figures. All or nothing: the data is validated whole before
 * anything is written, and everything is written in one transaction.
 */
export async function createCycle(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "pinned">,
  actor: string,
  input: CreateCycleInput,
) {
  const framework = await deps.pinned.framework(deps.repos, input.frameworkId);
  const dataset = input.data ? loadData(input.data, `data ${input.year}`, framework) : undefined;
  const regions = dataset?.regions ?? input.regions ?? [];
  const deadlines = {
    ...defaultDeadlines(input.year),
    ...(input.departmentsDue ? { departmentsDue: input.departmentsDue } : {}),
    ...(input.provinceDue ? { provinceDue: input.provinceDue } : {}),
  };
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.repos.transaction(async (tx) => {
    if (await tx.cycles.byYear(input.year)) {
      throw new DomainError(
        "conflict",
        localized(`${input.year} 年度已存在`, `evaluation year ${input.year} already exists`),
      );
    }
    await tx.cycles.insert({
      id,
      year: input.year,
      framework_id: input.frameworkId,
      status: input.status ?? "open",
      departments_due: deadlines.departmentsDue,
      province_due: deadlines.provinceDue,
      satisfaction:
        dataset?.doc.satisfaction === undefined ? null : JSON.stringify(dataset.doc.satisfaction),
      created_at: now,
    });
    await tx.cycles.insertRegions(
      regions.map((region, position) => ({
        cycle_id: id,
        code: region.code,
        name: region.name,
        population: region.population ?? null,
        group_name: region.group ?? null,
        position,
      })),
    );
    let valueCount = 0;
    if (dataset) {
      const rows = Object.entries(dataset.doc.values).flatMap(([element, byRegion]) =>
        Object.entries(byRegion).map(([region, value]) => ({
          cycle_id: id,
          element_code: element,
          region_code: region,
          value,
          note: null,
          version: 1,
          updated_by: actor,
          updated_at: now,
        })),
      );
      valueCount = rows.length;
      await tx.values.insertMany(rows);
      for (const [item, awarded] of Object.entries(dataset.doc.work)) {
        await tx.work.insert({
          cycle_id: id,
          item_code: item,
          awarded: JSON.stringify(awarded),
          explanation: null,
          version: 1,
          updated_by: actor,
          updated_at: now,
        });
      }
    }
    await recordAudit(tx, deps.clock, {
      actor,
      action: "cycle.create",
      objectType: "cycle",
      objectId: String(input.year),
      after: {
        frameworkId: input.frameworkId,
        ...(input.status === "closed" ? { status: "closed" } : {}),
        ...deadlines,
        regions: regions.length,
        values: valueCount,
        workAnswers: dataset ? Object.keys(dataset.doc.work).length : 0,
      },
    });
  });
  return { id, year: input.year, ...deadlines };
}
