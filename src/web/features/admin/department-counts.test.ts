import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadFrameworkText } from "../../../core";
import { departmentRows } from "./department-counts";

describe("departmentRows", () => {
  it("counts each department's indicators and work items, keeping the framework's order", () => {
    const rows = departmentRows({
      departments: [
        { code: "EDU", name: "市教育局" },
        { code: "FIN", name: "市财政局" },
        { code: "GOV", name: "市政府办公室" },
      ],
      indicators: [{ department: "EDU" }, { department: "EDU" }, { department: "FIN" }],
      workItems: [{ department: "GOV" }, { department: "EDU" }],
    });
    expect(rows).toEqual([
      { code: "EDU", name: "市教育局", indicators: 2, workItems: 1 },
      { code: "FIN", name: "市财政局", indicators: 1, workItems: 0 },
      { code: "GOV", name: "市政府办公室", indicators: 0, workItems: 1 },
    ]);
  });

  it("accounts for every item of the demo framework", () => {
    const path = new URL("../../../../content/demo/framework.yaml", import.meta.url);
    const { framework } = loadFrameworkText(readFileSync(path, "utf8"), "framework.yaml");
    const rows = departmentRows(framework.doc);
    expect(rows.reduce((sum, row) => sum + row.indicators, 0)).toBe(
      framework.doc.indicators.length,
    );
    expect(rows.reduce((sum, row) => sum + row.workItems, 0)).toBe(framework.doc.workItems.length);
  });
});
