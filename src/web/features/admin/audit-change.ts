/**
 * An audit row's before and after, as rows a person can read: one per field that either
 * side has, with the field's value before and after (absent is undefined). Plain values
 * stay as they are; nested ones are written as compact JSON. A side that is not an
 * object (a number, a string) is one row with an empty field name.
 */
export interface ChangeRow {
  field: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function showValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  if (before === null && after === null) return [];
  const bothObjects = (before === null || isRecord(before)) && (after === null || isRecord(after));
  if (!bothObjects) {
    const row = { field: "", before: showValue(before), after: showValue(after) };
    return [{ ...row, changed: row.before !== row.after }];
  }
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return fields.map((field) => {
    const row = { field, before: showValue(was[field]), after: showValue(now[field]) };
    return { ...row, changed: row.before !== row.after };
  });
}
