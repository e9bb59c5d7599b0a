import { describe, expect, it } from "vitest";
import { moveFocus, type CellRef } from "./focus-move";

/** Card 0: 3 rows × 2 columns; card 1: no cells; card 2: 2 rows × 1 column. */
function layout(): CellRef[] {
  const cells: CellRef[] = [];
  for (let row = 0; row < 3; row++)
    for (let col = 0; col < 2; col++) cells.push({ card: 0, row, col });
  for (let row = 0; row < 2; row++) cells.push({ card: 2, row, col: 0 });
  return cells;
}
const cells = layout();
const find = (card: number, row: number, col: number) =>
  cells.findIndex((cell) => cell.card === card && cell.row === row && cell.col === col);

describe("moveFocus", () => {
  it("moves down and up within a column", () => {
    expect(moveFocus(cells, find(0, 0, 1), "down")).toBe(find(0, 1, 1));
    expect(moveFocus(cells, find(0, 2, 0), "up")).toBe(find(0, 1, 0));
  });

  it("leaves the card at its edge for the next card with cells, nearest column", () => {
    expect(moveFocus(cells, find(0, 2, 1), "down")).toBe(find(2, 0, 0));
    expect(moveFocus(cells, find(2, 0, 0), "up")).toBe(find(0, 2, 0));
  });

  it("stops at the very first and last cell", () => {
    expect(moveFocus(cells, find(0, 0, 0), "up")).toBeNull();
    expect(moveFocus(cells, find(2, 1, 0), "down")).toBeNull();
  });

  it("moves left and right only within a row", () => {
    expect(moveFocus(cells, find(0, 1, 0), "right")).toBe(find(0, 1, 1));
    expect(moveFocus(cells, find(0, 1, 1), "right")).toBeNull();
    expect(moveFocus(cells, find(0, 1, 1), "left")).toBe(find(0, 1, 0));
    expect(moveFocus(cells, find(0, 1, 0), "left")).toBeNull();
  });

  it("walks Enter down a column, then to the next column's top, then to the next card", () => {
    const path: number[] = [find(0, 0, 0)];
    for (;;) {
      const next = moveFocus(cells, path[path.length - 1]!, "enter");
      if (next === null) break;
      path.push(next);
    }
    expect(path.map((i) => cells[i])).toEqual([
      { card: 0, row: 0, col: 0 },
      { card: 0, row: 1, col: 0 },
      { card: 0, row: 2, col: 0 },
      { card: 0, row: 0, col: 1 },
      { card: 0, row: 1, col: 1 },
      { card: 0, row: 2, col: 1 },
      { card: 2, row: 0, col: 0 },
      { card: 2, row: 1, col: 0 },
    ]);
  });

  it("walks Shift+Enter along the same path backwards", () => {
    const forward: number[] = [find(0, 0, 0)];
    for (
      let next = moveFocus(cells, 0, "enter");
      next !== null;
      next = moveFocus(cells, next, "enter")
    )
      forward.push(next);
    const backward: number[] = [forward[forward.length - 1]!];
    for (
      let next = moveFocus(cells, backward[0]!, "shiftEnter");
      next !== null;
      next = moveFocus(cells, next, "shiftEnter")
    )
      backward.push(next);
    expect(backward).toEqual([...forward].reverse());
  });

  it("does nothing from a cell that is not there", () => {
    expect(moveFocus(cells, 99, "down")).toBeNull();
  });
});
