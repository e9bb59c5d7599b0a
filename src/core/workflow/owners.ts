import type { Framework } from "../model";

/**
 * The departments whose hand-in covers an item: an indicator's or work item's own
 * department; for a data element, every department with an indicator that reads it
 * (a figure several departments use is certified by each of them).
 */
export function ownersOf(
  framework: Framework,
  kind: "indicator" | "workItem" | "dataElement",
  code: string,
): string[] {
  if (kind === "indicator") {
    const indicator = framework.indicators.find((candidate) => candidate.code === code);
    return indicator ? [indicator.department] : [];
  }
  if (kind === "workItem") {
    const item = framework.workItems.find((candidate) => candidate.code === code);
    return item ? [item.department] : [];
  }
  const owners = new Set<string>();
  for (const indicator of framework.indicators) {
    if (indicator.compiled.inputs.includes(code)) owners.add(indicator.department);
  }
  return [...owners];
}
