import { describe, expect, it } from "vitest";
import { dependencyOrder, learnSchema } from "./kaoping-schema";

describe("the schema a backup learns from the migrations", () => {
  it("puts each table after the tables it refers to", () => {
    const order = dependencyOrder(
      new Map([
        ["sessions", new Set(["users"])],
        ["users", new Set(["departments"])],
        ["departments", new Set<string>()],
        ["history", new Set(["history"])],
      ]),
    );
    expect(order.indexOf("departments")).toBeLessThan(order.indexOf("users"));
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("sessions"));
    expect(order).toContain("history");
  });

  it("refuses foreign keys that form a cycle", () => {
    expect(() =>
      dependencyOrder(
        new Map([
          ["a", new Set(["b"])],
          ["b", new Set(["a"])],
        ]),
      ),
    ).toThrow("cycle");
  });

  it("finds every table the migrations create, with its columns, key and fresh rows", async () => {
    const schema = await learnSchema();
    const names = schema.tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(["kaoping_migrations", "audit_log", "evidence"]));
    expect(names.indexOf("cycles")).toBeLessThan(names.indexOf("data_values"));
    const history = schema.tables.find((table) => table.name === "data_value_history")!;
    expect(history.primaryKey).toEqual(["id"]);
    expect(schema.baseline.get("audit_head")).toEqual([[1, 0, "0".repeat(64)]]);
    expect(schema.migrations[0]).toBe("0001-initial");
  });
});
