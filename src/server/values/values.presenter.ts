import type { CurrentValue, SavedValue } from "../../contract/api";
import type { StoredValue, ValueRow } from "./values.repository";

/** A stored figure as the API shows it. */
export const presentValue = (row: ValueRow): SavedValue => ({
  element: row.element_code,
  region: row.region_code,
  value: row.value,
  note: row.note,
  version: row.version,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

/** What a conflict reports as stored now; a figure never entered is value null, version 0. */
export const presentCurrentValue = (
  key: { element: string; region: string },
  current: StoredValue | undefined,
): CurrentValue =>
  current
    ? {
        element: key.element,
        region: key.region,
        value: current.value,
        note: current.note,
        version: current.version,
        updatedBy: current.updatedBy,
        updatedAt: current.updatedAt,
      }
    : { element: key.element, region: key.region, value: null, version: 0 };
