import type { DepartmentItems, ItemRef, ReturnReason } from "../../../contract/api";

/** A check's or a reason's target: an item, and for a figure its region. */
export interface ItemTarget extends ItemRef {
  region?: string;
}

/** Where an item is on the department's page: the tab, the card's id and the input to focus. */
export interface ItemPlace {
  tab: "indicators" | "work";
  /** The element id of the item's card (indicator-CODE / work-CODE). */
  cardId: string;
  /** The test id of the figure cell to focus, for a figure of a region. */
  cellTestId: string | null;
}

/** A key naming an item, for maps of reasons. */
export const itemKey = (item: ItemRef) => `${item.kind}:${item.code}`;

/** The office's reasons by item (`kind:code`), in the order given; an item may have several. */
export function reasonsByItem(reasons: readonly ReturnReason[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const reason of reasons) {
    const key = itemKey(reason.item);
    map.set(key, [...(map.get(key) ?? []), reason.reason]);
  }
  return map;
}

/**
 * Where a target lives in the workspace. A data element is entered in the first of the
 * department's indicators that reads it (as the grid lays it out), so a figure's check
 * leads to that card and that cell. Null when the department has no such item.
 */
export function placeOf(
  target: ItemTarget,
  items: Pick<DepartmentItems, "indicators" | "workItems">,
): ItemPlace | null {
  if (target.kind === "workItem") {
    if (!items.workItems.some((item) => item.code === target.code)) return null;
    return { tab: "work", cardId: `work-${target.code}`, cellTestId: null };
  }
  if (target.kind === "indicator") {
    if (!items.indicators.some((item) => item.code === target.code)) return null;
    return { tab: "indicators", cardId: `indicator-${target.code}`, cellTestId: null };
  }
  const reader = items.indicators.find((indicator) =>
    indicator.elements.some((element) => element.code === target.code),
  );
  if (!reader) return null;
  return {
    tab: "indicators",
    cardId: `indicator-${reader.code}`,
    cellTestId: target.region ? `cell-${target.code}-${target.region}` : null,
  };
}

/** The name a user knows an item by, with its code. */
export function itemName(
  item: ItemRef,
  items: Pick<DepartmentItems, "indicators" | "workItems">,
): string {
  if (item.kind === "workItem") {
    const found = items.workItems.find((entry) => entry.code === item.code);
    return found ? `${found.code} ${found.name}` : item.code;
  }
  if (item.kind === "indicator") {
    const found = items.indicators.find((entry) => entry.code === item.code);
    return found ? `${found.code} ${found.name}` : item.code;
  }
  for (const indicator of items.indicators) {
    const element = indicator.elements.find((entry) => entry.code === item.code);
    if (element) return `${element.code} ${element.name}`;
  }
  return item.code;
}
