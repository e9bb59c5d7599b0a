import type {
  CycleRegion,
  DepartmentIndicator,
  DepartmentItems,
  ItemElement,
  SavedValue,
} from "../../../contract/api";
import { CITY, type ElementBounds, type Framework } from "../../../core";
import type { CellRef } from "./focus-move";

/** A figure's place: data element × region code (or `city`). */
export const cellKey = (element: string, region: string) => `${element}|${region}`;

export function splitCellKey(key: string): { element: string; region: string } {
  const bar = key.indexOf("|");
  return { element: key.slice(0, bar), region: key.slice(bar + 1) };
}

export interface GridRow {
  /** A region's code, or `city`. */
  code: string;
  name: string;
}

export interface GridColumn {
  element: ItemElement;
  bounds: ElementBounds;
  /**
   * Where the element's inputs are: an element read by several of the department's
   * indicators is entered once, in the first card that reads it; later cards show its
   * figures (live) and point there.
   */
  enteredIn: string;
  editable: boolean;
}

export interface GridCard {
  indicator: DepartmentIndicator;
  columns: GridColumn[];
}

export interface GridModel {
  rows: GridRow[];
  cards: GridCard[];
  /** Every input cell in page order (card, row, column), for Tab and the arrow keys. */
  cells: { key: string; ref: CellRef }[];
  /** Each figure's stored value as the items list gave it. */
  stored: Map<string, SavedValue>;
}

/**
 * The indicator grid of a department from its items: a card per indicator, the region
 * rows then the city row, a column per data element the indicator reads.
 */
export function buildGridModel(
  items: DepartmentItems,
  framework: Framework,
  cityLabel: string,
): GridModel {
  const rows: GridRow[] = [
    ...items.regions.map((region: CycleRegion) => ({ code: region.code, name: region.name })),
    { code: CITY, name: cityLabel },
  ];
  const firstCard = new Map<string, string>();
  const stored = new Map<string, SavedValue>();
  const cells: GridModel["cells"] = [];
  const cards = items.indicators.map((indicator, cardIndex) => {
    const columns = indicator.elements.map((element) => {
      const owner = firstCard.get(element.code);
      if (owner === undefined) {
        firstCard.set(element.code, indicator.code);
        for (const saved of Object.values(element.values)) {
          stored.set(cellKey(saved.element, saved.region), saved);
        }
      }
      const definition = framework.elements.get(element.code);
      return {
        element,
        bounds: { min: definition?.min, max: definition?.max },
        enteredIn: owner ?? indicator.code,
        editable: owner === undefined,
      };
    });
    columns
      .filter((column) => column.editable)
      .forEach((column, col) =>
        rows.forEach((row, rowIndex) =>
          cells.push({
            key: cellKey(column.element.code, row.code),
            ref: { card: cardIndex, row: rowIndex, col },
          }),
        ),
      );
    return { indicator, columns };
  });
  // Page (and Tab) order is row by row within a card.
  cells.sort((a, b) => a.ref.card - b.ref.card || a.ref.row - b.ref.row || a.ref.col - b.ref.col);
  return { rows, cards, cells, stored };
}

/** Last year's figures by cell, and last year's indicator values by code. */
export interface PreviousYear {
  figures: Map<string, number>;
  indicators: Map<string, number | null>;
}

export function previousYearOf(items: DepartmentItems | undefined): PreviousYear | null {
  if (!items) return null;
  const figures = new Map<string, number>();
  const indicators = new Map<string, number | null>();
  for (const indicator of items.indicators) {
    indicators.set(indicator.code, indicator.value);
    for (const element of indicator.elements) {
      for (const saved of Object.values(element.values)) {
        figures.set(cellKey(saved.element, saved.region), saved.value);
      }
    }
  }
  return { figures, indicators };
}
