import type { AuthUser } from "../auth/auth-user";
import type { UseCaseDeps } from "../context";
import { localized } from "../../core";
import { DomainError } from "../errors";
import { buildReportDocxFile, buildTablesFile, buildTemplateFile } from "./build-documents";
import { stampForDownload } from "./xlsx-import/stamp-versions";
import { signStamp, STAMP_KEY_PURPOSE } from "./xlsx-import/template-stamp";
import type { DocumentFile } from "./document-names";
import { gatherDocumentSources, resolveDocumentScope } from "./document-sources";

/** `GET …/documents/:scope/tables.xlsx`: the scope's tables, built from the stored data now. */
export async function downloadTables(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
): Promise<DocumentFile> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  return buildTablesFile(await gatherDocumentSources(deps, resolved));
}

/** `GET …/documents/:scope/report.docx`: the self-evaluation report in the official layout. */
export async function downloadReportDocx(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
): Promise<DocumentFile> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  return buildReportDocxFile(await gatherDocumentSources(deps, resolved));
}

/**
 * `GET …/documents/:dept/template.xlsx`: the department's fill-in template. The stamp
 * (the version of every figure and answer it holds, signed) is read before the figures,
 * so a save landing in between shows up as a conflict at upload, never as a silent undo.
 */
export async function downloadTemplate(
  deps: UseCaseDeps,
  user: AuthUser,
  year: number,
  scope: string,
): Promise<DocumentFile> {
  const resolved = await resolveDocumentScope(deps, user, year, scope);
  if (!resolved.department) {
    throw new DomainError(
      "invalid",
      localized("填报模板按单位下载，请选择单位", "templates are per department; choose one"),
    );
  }
  const stamp = await stampForDownload(
    deps.repos,
    resolved.loaded,
    resolved.department.code,
    deps.clock.now().toISOString(),
  );
  const sources = await gatherDocumentSources(deps, resolved);
  const stampText = signStamp(deps.secrets.derive(STAMP_KEY_PURPOSE), stamp);
  return buildTemplateFile(sources, stampText);
}
