import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRows, encodeRow } from "./table-rows";

const cell = fc.oneof(
  fc.constant(null),
  fc.string({ unit: "binary" }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

async function roundTrip(columns: string[], rows: unknown[][]) {
  const text = rows.map((row) => encodeRow("t", columns, row)).join("");
  const back: unknown[][] = [];
  for await (const row of decodeRows("tables/t.jsonl", columns, Readable.from([text]))) {
    back.push(row);
  }
  return back;
}

describe("table rows in a backup", () => {
  it("come back exactly as they were read, whatever text and numbers they hold", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 6 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 20 }),
          ),
        async (rows) => {
          const columns = Array.from({ length: rows[0]?.length ?? 1 }, (_, i) => `c${i}`);
          // JSON has no negative zero; -0 comes back as 0, equal to it in every comparison.
          const expected = rows.map((row) =>
            row.map((value) => (Object.is(value, -0) ? 0 : value)),
          );
          expect(await roundTrip(columns, rows)).toEqual(expected);
        },
      ),
    );
  });

  it("refuses a value a backup could not bring back", () => {
    expect(() => encodeRow("files", ["data"], [Buffer.from("x")])).toThrow(
      "table files, column data: a binary value",
    );
    expect(() => encodeRow("t", ["n"], [Number.NaN])).toThrow("column n");
  });

  it("names the member and line of a line that is not a row of the table", async () => {
    await expect(roundTrip(["a", "b"], [["x", 1], ["y"]])).rejects.toThrow();
    const bad = Readable.from(['["x",1]\n{"a":1}\n']);
    const read = async () => {
      for await (const row of decodeRows("tables/t.jsonl", ["a", "b"], bad)) void row;
    };
    await expect(read()).rejects.toThrow("backup member tables/t.jsonl, line 2");
  });
});
