import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { invalid } from "../errors";

/**
 * Rows travel as JSON arrays, one per line. Kaoping's columns hold only text, numbers
 * and nulls (timestamps are ISO strings, JSON is text), which JSON carries exactly —
 * numbers included, as JavaScript prints the shortest form that reads back the same
 * double — so a row read from SQLite inserts into PostgreSQL unchanged, and back.
 */
type Cell = string | number | null;

function portable(value: unknown): value is Cell {
  return (
    value === null ||
    typeof value === "string" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

/** One row as a line; refuses a value a backup could not bring back as it was. */
export function encodeRow(table: string, columns: readonly string[], row: unknown[]): string {
  row.forEach((value, index) => {
    if (!portable(value)) {
      const kind = value instanceof Uint8Array ? "binary" : typeof value;
      throw new Error(
        `table ${table}, column ${columns[index]}: a ${kind} value cannot be carried by a backup`,
      );
    }
  });
  return `${JSON.stringify(row)}\n`;
}

/** The lines of a table member as a stream, for the archive. */
export function rowLines(
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<unknown[]>,
  onRow: () => void,
): Readable {
  return Readable.from(
    (async function* () {
      for await (const row of rows) {
        onRow();
        yield Buffer.from(encodeRow(table, columns, row));
      }
    })(),
    { objectMode: false },
  );
}

/** Reads a table member back, row by row, refusing a line that is not a row of this table. */
export async function* decodeRows(
  member: string,
  columns: readonly string[],
  stream: Readable,
): AsyncGenerator<unknown[]> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      row = undefined;
    }
    if (!Array.isArray(row) || row.length !== columns.length || !row.every(portable)) {
      throw invalid(
        `备份成员 ${member} 第 ${line} 行不是该表的一行（应为 ${columns.length} 个值的数组）`,
        `backup member ${member}, line ${line}: not a row of this table (expected an array of ${columns.length} values)`,
      );
    }
    yield row;
  }
}
