/**
 * Where the keyboard moves the focus in the indicator grid, as a pure function of the
 * cells' positions. Each indicator card is a small table: rows are the regions (then the
 * city), columns the data elements the card lets you enter. Cells are listed in the
 * page's order (card by card, row by row), which is also the Tab order.
 *
 * - down / up: the same column one row down / up; past the card's edge, into the
 *   next / previous card that has cells, keeping the column where it can.
 * - left / right: the neighbouring column in the same row (the caller only asks when
 *   the caret is at the input's edge); nothing past the card's edge.
 * - enter: down the column, then the top of the next column, then the next card;
 *   shift+enter walks the same path backwards.
 */
export interface CellRef {
  card: number;
  row: number;
  col: number;
}

export type FocusMove = "down" | "up" | "left" | "right" | "enter" | "shiftEnter";

const keyOf = (card: number, row: number, col: number) => `${card}:${row}:${col}`;

export function moveFocus(cells: readonly CellRef[], from: number, move: FocusMove): number | null {
  const current = cells[from];
  if (!current) return null;
  const index = new Map(cells.map((cell, i) => [keyOf(cell.card, cell.row, cell.col), i]));
  const at = (card: number, row: number, col: number) => index.get(keyOf(card, row, col)) ?? null;
  const inCard = (card: number) => cells.filter((cell) => cell.card === card);
  const { card, row, col } = current;

  /** The first (or last) row of a neighbouring card, at the column nearest `col`. */
  const intoCard = (direction: 1 | -1): number | null => {
    const cards = [...new Set(cells.map((cell) => cell.card))].sort((a, b) => a - b);
    const target = direction === 1 ? cards.find((c) => c > card) : cards.findLast((c) => c < card);
    if (target === undefined) return null;
    const members = inCard(target);
    const edgeRow =
      direction === 1
        ? Math.min(...members.map((cell) => cell.row))
        : Math.max(...members.map((cell) => cell.row));
    const rowCells = members.filter((cell) => cell.row === edgeRow);
    const nearest = rowCells.reduce((best, cell) =>
      Math.abs(cell.col - col) < Math.abs(best.col - col) ? cell : best,
    );
    return at(nearest.card, nearest.row, nearest.col);
  };

  switch (move) {
    case "down":
      return at(card, row + 1, col) ?? intoCard(1);
    case "up":
      return at(card, row - 1, col) ?? intoCard(-1);
    case "right":
      return at(card, row, col + 1);
    case "left":
      return at(card, row, col - 1);
    case "enter": {
      const below = at(card, row + 1, col);
      if (below !== null) return below;
      const members = inCard(card).filter((cell) => cell.col === col + 1);
      if (members.length > 0) {
        const top = Math.min(...members.map((cell) => cell.row));
        return at(card, top, col + 1);
      }
      const next = cells.findIndex((cell) => cell.card > card);
      return next === -1 ? null : next;
    }
    case "shiftEnter": {
      const above = at(card, row - 1, col);
      if (above !== null) return above;
      const members = inCard(card).filter((cell) => cell.col === col - 1);
      if (members.length > 0) {
        const bottom = Math.max(...members.map((cell) => cell.row));
        return at(card, bottom, col - 1);
      }
      // The last cell of the previous card's last column: the end of its Enter path.
      const previous = cells.filter((cell) => cell.card < card);
      if (previous.length === 0) return null;
      const lastCard = previous[previous.length - 1]!.card;
      const lastMembers = inCard(lastCard);
      const lastCol = Math.max(...lastMembers.map((cell) => cell.col));
      const lastRow = Math.max(
        ...lastMembers.filter((cell) => cell.col === lastCol).map((cell) => cell.row),
      );
      return at(lastCard, lastRow, lastCol);
    }
  }
}
