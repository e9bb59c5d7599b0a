import { scoreYear, type Lang } from "../../core";
import { presentScoreReport } from "../../contract/score-report";
import { parseArgs, requireOption } from "../args";
import { renderScoreTables } from "../present/score-table";
import { readDataFile, readFrameworkFile } from "../read-files";

/** `kaoping score --framework F --data D [--json]` */
export function scoreCommand(argv: string[], lang: Lang): string {
  const args = parseArgs(argv, { flags: ["json"], values: ["framework", "data"] });
  const loaded = readFrameworkFile(requireOption(args, "framework"));
  const dataset = readDataFile(requireOption(args, "data"), loaded);
  const result = scoreYear(loaded.framework, dataset);
  if (args.options.has("json")) return JSON.stringify(presentScoreReport(result), null, 2);
  return renderScoreTables(result, loaded.framework, lang);
}
