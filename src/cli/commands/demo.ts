import { scoreYear, type Lang } from "../../core";
import { presentScoreReport } from "../../contract/score-report";
import { parseArgs } from "../args";
import { renderDemoSummary } from "../present/demo-summary";
import { demoFiles, readDataFile, readFrameworkFile } from "../read-files";

/** `kaoping demo [--json]`: scores the bundled, illustrative demo city. */
export function demoCommand(argv: string[], lang: Lang): string {
  const args = parseArgs(argv, { flags: ["json"] });
  const files = demoFiles();
  const loaded = readFrameworkFile(files.framework);
  const result = scoreYear(loaded.framework, readDataFile(files.data, loaded));
  if (args.options.has("json")) return JSON.stringify(presentScoreReport(result), null, 2);
  return renderDemoSummary(result, loaded.framework, lang);
}
