import { formatIssue, localized, type Lang } from "../../core";
import { UsageError } from "../cli-error";
import { parseArgs } from "../args";
import { pick } from "../present/names";
import { readDataFile, readFrameworkFile } from "../read-files";

/** `kaoping validate FRAMEWORK [DATA]`: checks the files; prints what they hold and any warnings. */
export function validateCommand(argv: string[], lang: Lang): string {
  const args = parseArgs(argv, {});
  const [frameworkPath, dataPath, extra] = args.positional;
  if (!frameworkPath || extra !== undefined) {
    throw new UsageError(
      localized(
        "用法：kaoping validate 框架文件 [数据文件]",
        "usage: kaoping validate FRAMEWORK [DATA]",
      ),
    );
  }
  const loaded = readFrameworkFile(frameworkPath);
  const doc = loaded.framework.doc;
  const lines = [
    pick(
      lang,
      `${frameworkPath}: 有效 —— ${doc.name}（${doc.code}），${doc.parts.length} 个部分，${doc.indicators.length} 项指标，${doc.workItems.length} 个工作项，${doc.dataElements.length} 个数据元素，${doc.departments.length} 个成员单位`,
      `${frameworkPath}: valid — ${doc.name} (${doc.code}), ${doc.parts.length} parts, ${doc.indicators.length} indicators, ${doc.workItems.length} work items, ${doc.dataElements.length} data elements, ${doc.departments.length} departments`,
    ),
    ...loaded.warnings.map(
      (warning) => `${pick(lang, "提醒", "warning")}: ${formatIssue(warning, lang)}`,
    ),
  ];
  if (dataPath) {
    const dataset = readDataFile(dataPath, loaded);
    const valueCount = Object.values(dataset.doc.values).reduce(
      (sum, byRegion) => sum + Object.keys(byRegion).length,
      0,
    );
    lines.push(
      pick(
        lang,
        `${dataPath}: 有效 —— ${dataset.doc.year} 年度，${dataset.regions.length} 个地区，${valueCount} 个数值，${Object.keys(dataset.doc.work).length} 个工作项有评分`,
        `${dataPath}: valid — year ${dataset.doc.year}, ${dataset.regions.length} regions, ${valueCount} values, ${Object.keys(dataset.doc.work).length} work items answered`,
      ),
    );
  }
  return lines.join("\n");
}
