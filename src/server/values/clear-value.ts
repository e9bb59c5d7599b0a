import type { ClearedValue } from "../../contract/api";
import { CITY, localized } from "../../core";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/auth-user";
import { assertCanWriteElement } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { ownersOf } from "../../core/workflow/owners";
import { isDepartmentUser } from "../auth/auth-user";
import { assertWritableIn } from "../workflow/write-guard";
import { loadCycleForWrite } from "../cycles/load-cycle";
import { DomainError, notFound } from "../errors";
import { presentCurrentValue } from "./values.presenter";
import type { StoredValue } from "./values.repository";

export interface ClearValueInput {
  year: number;
  element: string;
  region: string;
  /** The version the user last saw. */
  version: number;
}

function staleVersion(input: ClearValueInput, current: StoredValue | undefined): DomainError {
  return new DomainError(
    "conflict",
    localized(
      "此数据已被他人修改，请在最新数据的基础上重新操作",
      "someone else changed this value; start again from the current value",
    ),
    { current: presentCurrentValue(input, current) },
  );
}

/**
 * Clears one figure: it is no longer entered, as if never typed. The same checks as a
 * save — the element and region exist, an indicator of the user's department reads the
 * element, the year is open — and the same optimistic concurrency: the stored version
 * must be the one the user last saw, else a 409 carrying what is stored now. Under the
 * audit head lock like every writer of figures, so it is serialized with the save
 * batcher; the history gets a row with value null and the next version, and the audit
 * a `value.clear` row. Entered again, the figure goes on from that version (see
 * save-batcher.ts), so no version number is given twice.
 */
export async function clearValue(
  deps: UseCaseDeps,
  user: AuthUser,
  input: ClearValueInput,
): Promise<ClearedValue> {
  const { cycle, framework, regions } = await loadCycleForWrite(deps, input.year);
  if (!framework.elements.has(input.element)) {
    throw notFound(`没有数据元素 ${input.element}`, `there is no data element ${input.element}`);
  }
  if (input.region !== CITY && !regions.some((region) => region.code === input.region)) {
    throw notFound(`没有地区 ${input.region}`, `there is no region ${input.region}`);
  }
  assertCanWriteElement(user, framework, input.element);

  await deps.repos.transaction(async (tx) => {
    await tx.audit.lock();
    await assertWritableIn(tx, deps.clock, cycle, {
      owners: ownersOf(framework, "dataElement", input.element),
      writerDepartment: isDepartmentUser(user) ? user.departmentCode : null,
    });
    const before = await tx.values.one(cycle.id, input.element, input.region);
    if (!before && input.version === 0) {
      throw notFound(
        `${input.element}（${input.region}）尚未填报，无需清除`,
        `${input.element} (${input.region}) is not entered; there is nothing to clear`,
      );
    }
    if (!before || before.version !== input.version) {
      throw staleVersion(
        input,
        before && {
          value: before.value,
          note: before.note,
          version: before.version,
          updatedBy: before.updated_by,
          updatedAt: before.updated_at,
        },
      );
    }
    const version = before.version + 1;
    await tx.values.remove(cycle.id, input.element, input.region);
    await tx.values.addClearedHistory({
      cycle_id: cycle.id,
      element_code: input.element,
      region_code: input.region,
      version,
      changed_by: user.username,
      changed_at: deps.clock.now().toISOString(),
    });
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "value.clear",
      objectType: "data_value",
      objectId: `${cycle.year}/${input.element}/${input.region}`,
      before: { value: before.value, note: before.note, version: before.version },
      after: { value: null, version },
    });
  });
  return { element: input.element, region: input.region, cleared: true, version: 0 };
}
