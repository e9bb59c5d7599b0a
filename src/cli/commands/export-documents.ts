import { writeFileSync } from "node:fs";
import { localized, type Lang } from "../../core";
import { UsageError } from "../cli-error";
import { pick } from "../present/names";
import type { DocumentKind } from "./document-kinds";
import { operator, withServer, type Env } from "./with-server";

/**
 * `kaoping export xlsx|docx|pdf|package --year Y [--department CODE] --out FILE`: the
 * same documents the web app offers, built by the same use cases from the configured
 * database. Without --department: the city's. Progress of long builds goes to stderr.
 */
export async function exportDocument(
  kind: DocumentKind,
  options: { year: number; department: string | null; out: string },
  lang: Lang,
  env: Env,
  progress: (line: string) => void,
): Promise<string> {
  if (kind === "package" && options.department !== null) {
    throw new UsageError(
      localized(
        "报送省里的材料包只按全市生成，不能指定 --department",
        "the province package is the city's: --department does not apply",
      ),
    );
  }
  return withServer(env, async ({ deps }) => {
    const sourcesModule = await import("../../server/documents/document-sources");
    const build = await import("../../server/documents/build-documents");
    const scope = options.department ?? sourcesModule.CITY_SCOPE;
    const resolved = await sourcesModule.resolveDocumentScope(
      deps,
      operator(),
      options.year,
      scope,
    );
    const sources = await sourcesModule.gatherDocumentSources(deps, resolved);
    let lastStage = "";
    const onProgress = (step: { done: number; total: number; stage: string }) => {
      if (step.stage === lastStage) return;
      lastStage = step.stage;
      progress(step.total > 0 ? `[${step.done}/${step.total}] ${step.stage}` : step.stage);
    };
    const file =
      kind === "xlsx"
        ? await build.buildTablesFile(sources)
        : kind === "docx"
          ? await build.buildReportDocxFile(sources)
          : kind === "pdf"
            ? await build.buildVolumeFile(deps, sources, onProgress)
            : await (
                await import("../../server/documents/build-package")
              ).buildPackageFile(deps, sources, onProgress);
    writeFileSync(options.out, file.bytes);
    return pick(
      lang,
      `已生成 ${file.name}（${file.bytes.length.toLocaleString("zh-CN")} 字节）：${options.out}`,
      `wrote ${file.name} (${file.bytes.length.toLocaleString("en")} bytes) to ${options.out}`,
    );
  });
}
