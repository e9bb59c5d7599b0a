import type { ImportedFramework } from "../../contract/frameworks";
import { FRAMEWORK_UPLOAD_LIMIT_BYTES } from "../../contract/frameworks";
import { formatIssue, InputError, localized, parseDocumentText, type Lang } from "../../core";
import { cleanFreeText } from "../../core/text/clean-text";
import type { AuthUser } from "../auth/auth-user";
import { FRAMEWORK_KEEPERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { DomainError } from "../errors";
import { findMalformedText } from "../http/text-guard";
import { presentFramework } from "./frameworks.presenter";
import { importFramework } from "./import-framework";
import { isUniqueViolation } from "./unique-violation";

export interface FrameworkUpload {
  fileName: string;
  content: Buffer;
}

const ACCEPTED = /\.(ya?ml|json)$/i;

/** The name as the refusals show it: its last path segment, one line, at most 200 characters. */
function shownName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const clean = cleanFreeText(base).replace(/\s+/g, " ").trim().slice(0, 200);
  return clean || "framework";
}

function refuse(file: string, zh: string, en: string): never {
  throw new InputError([{ file, path: "", message: localized(zh, en) }]);
}

/** The bytes as text: UTF-8 only (a byte-order mark is dropped), or a refusal naming the file. */
function decode(file: string, content: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return refuse(file, "文件不是 UTF-8 编码的文本", "the file is not UTF-8 text");
  }
}

/**
 * Imports an uploaded framework file (admin and office): `.yaml`, `.yml` or `.json`, at
 * most 2 MiB, UTF-8. All or nothing: the loader checks the whole document and a refusal
 * lists every issue by item and field (InputError → 422); text no database can store
 * (NUL, lone surrogates written as escapes) is refused the same way. A document already
 * stored under its code is a 409; a changed one becomes the code's next version (audited).
 */
export async function uploadFramework(
  deps: Pick<UseCaseDeps, "repos" | "clock">,
  user: AuthUser,
  upload: FrameworkUpload,
  lang: Lang,
): Promise<ImportedFramework> {
  requireRole(user, FRAMEWORK_KEEPERS);
  const file = shownName(upload.fileName);
  if (!ACCEPTED.test(file)) {
    throw new DomainError(
      "unsupported",
      localized(
        `文件「${file}」不是考评办法文件：请上传 .yaml、.yml 或 .json 文件`,
        `"${file}" is not a framework file: upload a .yaml, .yml or .json file`,
      ),
    );
  }
  if (upload.content.length > FRAMEWORK_UPLOAD_LIMIT_BYTES) {
    throw new DomainError(
      "too_large",
      localized(`文件「${file}」超过 2 MiB`, `"${file}" is larger than 2 MiB`),
    );
  }
  const document = parseDocumentText(decode(file, upload.content), file);
  const malformed = findMalformedText(document, "");
  if (malformed !== undefined) {
    throw new InputError([
      {
        file,
        path: malformed,
        message: localized(
          "含有无法保存的字符（NUL 空字符或无效的 Unicode）",
          "holds characters that cannot be stored (NUL or invalid Unicode)",
        ),
      },
    ]);
  }
  let imported;
  try {
    imported = await importFramework(deps, user.username, { document, file });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyImported(file);
    throw error;
  }
  if (!imported.created) throw alreadyImported(file, `${imported.code} v${imported.version}`);
  const row = await deps.repos.frameworks.byId(imported.id);
  return {
    // A new version: no year is pinned to it yet.
    ...presentFramework(row!, []),
    warnings: imported.warnings.map((issue) => ({
      field: issue.path,
      message: formatIssue(issue, lang),
    })),
  };
}

function alreadyImported(file: string, stored?: string): DomainError {
  return new DomainError(
    "conflict",
    stored
      ? localized(
          `「${file}」与已导入的 ${stored} 完全相同，无需再次导入`,
          `"${file}" is identical to ${stored}, which is already imported`,
        )
      : localized(
          `「${file}」正由另一请求同时导入，请刷新后查看`,
          `"${file}" was being imported by another request at the same time; reload to see it`,
        ),
  );
}
