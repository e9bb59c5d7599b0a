import type { SavedValue } from "../../contract/api";
import { boundViolation, CITY, localized } from "../../core";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { ownersOf } from "../../core/workflow/owners";
import { assertCanWriteElement } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { DomainError, invalid, notFound } from "../errors";
import { loadCycleForWrite } from "../cycles/load-cycle";
import { presentCurrentValue, presentValue } from "./values.presenter";
import type { StoredValue, ValueRow } from "./values.repository";

export interface SaveValueInput {
  year: number;
  element: string;
  region: string;
  value: number;
  /** The version the clerk last saw; 0 for a value not entered yet. */
  version: number;
  note?: string | null;
}

function staleVersion(input: SaveValueInput, current: StoredValue | undefined): DomainError {
  return new DomainError(
    "conflict",
    localized(
      "此数据已被他人修改，请在最新数据的基础上重新填写",
      "someone else changed this value; start again from the current value",
    ),
    { current: presentCurrentValue(input, current) },
  );
}

/**
 * Saves one figure (data element × region, or `city`). Optimistic concurrency: the
 * write succeeds only when `version` is the stored one, so two clerks saving the same
 * version get one success and one conflict, never a lost update. History and the
 * audit row are written in the same transaction.
 */
export async function saveValue(
  deps: UseCaseDeps,
  user: AuthUser,
  input: SaveValueInput,
): Promise<SavedValue> {
  const loaded = await loadCycleForWrite(deps, input.year);
  const { cycle, framework } = loaded;
  const element = framework.elements.get(input.element);
  if (!element) {
    throw notFound(`没有数据元素 ${input.element}`, `there is no data element ${input.element}`);
  }
  if (input.region !== CITY && !loaded.regions.some((region) => region.code === input.region)) {
    throw notFound(`没有地区 ${input.region}`, `there is no region ${input.region}`);
  }
  assertCanWriteElement(user, framework, input.element);
  // The same bound check as a data file's, before anything is queued for writing.
  const outside = boundViolation(element, input.value);
  if (outside) {
    throw invalid(
      `${input.element}（${input.region}）：${outside.zh}`,
      `${input.element} (${input.region}): ${outside.en}`,
      { field: "value" },
    );
  }

  const now = deps.clock.now().toISOString();
  const row: ValueRow = {
    cycle_id: cycle.id,
    element_code: input.element,
    region_code: input.region,
    value: input.value,
    note: input.note ?? null,
    version: input.version + 1,
    updated_by: user.username,
    updated_at: now,
  };
  const outcome = await deps.valueSaves.save({
    row,
    expectedVersion: input.version,
    cycle,
    scope: {
      owners: ownersOf(framework, "dataElement", input.element),
      writerDepartment: isDepartmentUser(user) ? user.departmentCode : null,
    },
  });
  if (!outcome.saved) throw staleVersion(input, outcome.current);
  return presentValue(row);
}
