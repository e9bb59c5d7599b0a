import { readFileSync } from "node:fs";
import { loadDataText, loadFrameworkText, scoreYear } from "../../src/core";
import { buildReportPayload } from "../../src/core/documents/build-report-payload";
import type { ReportPayload } from "../../src/core/documents/report-payload";
import { demoFiles } from "../../src/platform/package-files";

export const DEMO_NARRATIVES = {
  work: "全市各部门按职责推进基本公共服务均等化工作。",
  problems: "",
  next: "",
};

/** The demo year's report payload, as the server would gather it on 8 March 2026. */
export function demoReportPayload(
  department: { code: string; name: string } | null = null,
): ReportPayload {
  const files = demoFiles();
  const { framework } = loadFrameworkText(readFileSync(files.framework, "utf8"), files.framework);
  const dataset = loadDataText(readFileSync(files.data, "utf8"), files.data, framework);
  return buildReportPayload({
    framework,
    dataset,
    score: scoreYear(framework, dataset),
    city: "惠州市",
    department,
    illustrative: true,
    date: "2026-03-08",
    narratives: DEMO_NARRATIVES,
  });
}
