import { localized, type Framework, type Localized } from "../../core";
import { isUnsafeChar } from "../../core/text/clean-text";
import { recordAudit } from "../audit/record";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_WRITERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { assertCycleOpen } from "../cycles/assert-open";
import { ownersOf as itemOwners } from "../../core/workflow/owners";
import { assertWritableIn } from "../workflow/write-guard";
import type { Evidence } from "../../contract/api";
import { presentEvidence } from "./evidence.presenter";
import { loadCycle } from "../cycles/load-cycle";
import type { EvidenceTarget } from "../db/schema";
import { DomainError, forbidden, invalid, notFound } from "../errors";
import { newId, sha256Hex } from "../ids";
import { ACCEPTED_KINDS, detectFileType } from "./detect-file-type";
import type { Refusal } from "./file-verdict";
import type { EvidenceRow } from "./evidence.repository";

export interface UploadEvidenceInput {
  year: number;
  targetKind: EvidenceTarget;
  targetCode: string;
  /** The name the client gave the file; cleaned before it is stored. */
  fileName: string;
  content: Buffer;
}

const TARGET_NAMES: Record<EvidenceTarget, Localized> = {
  indicator: { zh: "指标", en: "indicator" },
  workItem: { zh: "工作项", en: "work item" },
  dataElement: { zh: "数据元素", en: "data element" },
};

/**
 * The departments that answer for a target, in framework order; undefined when the
 * framework has no such target. A data element belongs to every department with an
 * indicator that reads it.
 */
export function ownersOf(
  framework: Framework,
  kind: EvidenceTarget,
  code: string,
): string[] | undefined {
  const known =
    kind === "indicator"
      ? framework.indicators.some((candidate) => candidate.code === code)
      : kind === "workItem"
        ? framework.workItems.some((candidate) => candidate.code === code)
        : framework.elements.has(code);
  return known ? itemOwners(framework, kind, code) : undefined;
}

/** The department the evidence is filed under, or a refusal when the user may not attach it. */
function filingDepartment(user: AuthUser, owners: string[], kind: EvidenceTarget, code: string) {
  const target = TARGET_NAMES[kind];
  if (isDepartmentUser(user)) {
    if (user.departmentCode && owners.includes(user.departmentCode)) return user.departmentCode;
    throw forbidden(
      `${target.zh} ${code} 不属于本单位，不能上传辅证材料`,
      `${target.en} ${code} is not your department's; you may not attach evidence to it`,
    );
  }
  const [first] = owners;
  if (first === undefined) {
    throw invalid(
      `没有指标使用${target.zh} ${code}，无法确定辅证材料归属的单位`,
      `no indicator uses ${target.en} ${code}, so no department can hold its evidence`,
    );
  }
  return first;
}

/** Text rules drop controls, bidi overrides and lone surrogates; a name holds no tab or line either. */
const isUnsafeInName = (char: string) => isUnsafeChar(char) || char === "\t" || char === "\n";

export const MAX_NAME_LENGTH = 200;

/**
 * The name to store: no folders, no control characters, at most 200 characters, and
 * an extension that fits the content. The extension decides what opens the file once
 * downloaded, so a PDF sent as "x.html" is stored as "x.html.pdf".
 */
export function cleanFileName(raw: string, extensions: readonly string[]): string {
  const lastPart = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = Array.from(lastPart)
    .filter((char) => !isUnsafeInName(char))
    .join("")
    .trim()
    .replace(/^\.+/, "");
  const dot = cleaned.lastIndexOf(".");
  const fits = dot > 0 && extensions.includes(cleaned.slice(dot).toLowerCase());
  const stem = (fits ? cleaned.slice(0, dot) : cleaned) || "evidence";
  const suffix = fits ? cleaned.slice(dot) : (extensions[0] ?? "");
  const room = MAX_NAME_LENGTH - Array.from(suffix).length;
  return Array.from(stem).slice(0, room).join("").trimEnd() + suffix;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}

/** The refusal for a file over the upload limit (raised while the request is read). */
export function fileTooLarge(fileName: string, limitBytes: number): DomainError {
  const limit = formatBytes(limitBytes);
  return new DomainError(
    "too_large",
    localized(
      `文件「${fileName}」超过上传上限 ${limit}`,
      `file "${fileName}" is larger than the upload limit of ${limit}`,
    ),
  );
}

/** At most this many characters of an archive entry's name are shown in a refusal. */
const SHOWN_ENTRY_LENGTH = 120;

/** An entry name as a refusal shows it: no hidden characters, long ones cut in the middle. */
function shownEntryName(name: string): string {
  const chars = Array.from(name).filter((char) => !isUnsafeInName(char));
  if (chars.length <= SHOWN_ENTRY_LENGTH) return chars.join("");
  const keep = (SHOWN_ENTRY_LENGTH - 1) / 2;
  return `${chars.slice(0, Math.floor(keep)).join("")}…${chars.slice(-Math.ceil(keep)).join("")}`;
}

/** Chinese typesetting puts a space between Han characters and a following Latin word. */
const spaced = (zh: string) => (/^[A-Za-z0-9]/.test(zh) ? ` ${zh}` : zh);

/**
 * The refusal of a file by its content. For the file itself it lists what may be sent
 * instead; for something inside an archive it names the entry (and the archives around
 * it), since the archive as such is welcome once that entry is gone.
 */
function unsupportedFile(fileName: string, refused: Refusal): DomainError {
  const entries = (refused.entryPath ?? []).map(shownEntryName);
  const { zh, en } = refused.what;
  if (entries.length === 0) {
    return new DomainError(
      "unsupported",
      localized(
        `文件「${fileName}」是${spaced(zh)}，不能作为辅证材料上传；可上传 ${ACCEPTED_KINDS.zh}`,
        `file "${fileName}" is ${en} and cannot be evidence; upload ${ACCEPTED_KINDS.en}`,
      ),
    );
  }
  const whereZh = entries.map((entry) => `中的「${entry}」`).join("");
  const whereEn = [...entries]
    .reverse()
    .map((entry) => `"${entry}" in `)
    .join("");
  return new DomainError(
    "unsupported",
    localized(
      `文件「${fileName}」${whereZh}是${spaced(zh)}，不能作为辅证材料上传`,
      `${whereEn}file "${fileName}" is ${en} and cannot be evidence`,
    ),
  );
}

/**
 * Attaches one file to an indicator, work item or data element of an open year. The
 * type comes from the bytes; the file is stored by its SHA-256 (the same bytes twice
 * are kept once), then the record and its audit row are written in one transaction.
 * A file stored for a transaction that then fails is harmless: nothing points to it,
 * and the next upload of the same bytes reuses it.
 */
export async function uploadEvidence(
  deps: UseCaseDeps,
  user: AuthUser,
  input: UploadEvidenceInput,
): Promise<Evidence> {
  if (!isDepartmentUser(user)) requireRole(user, CITY_WRITERS);
  const { cycle, framework } = await loadCycle(deps, input.year);
  const owners = ownersOf(framework, input.targetKind, input.targetCode);
  const target = TARGET_NAMES[input.targetKind];
  if (!owners) {
    throw notFound(
      `没有${target.zh} ${input.targetCode}`,
      `there is no ${target.en} ${input.targetCode}`,
    );
  }
  const department = filingDepartment(user, owners, input.targetKind, input.targetCode);
  assertCycleOpen(cycle);

  const verdict = await detectFileType(input.content);
  if (!verdict.accepted) throw unsupportedFile(cleanFileName(input.fileName, []), verdict);

  const sha256 = sha256Hex(input.content);
  await deps.evidence.put(sha256, input.content);
  const row: EvidenceRow = {
    id: newId(),
    cycle_id: cycle.id,
    target_kind: input.targetKind,
    target_code: input.targetCode,
    department_code: department,
    sha256,
    original_name: cleanFileName(input.fileName, verdict.extensions),
    mime_type: verdict.mimeType,
    size: input.content.length,
    uploaded_by: user.username,
    uploaded_at: deps.clock.now().toISOString(),
  };
  await deps.repos.transaction(async (tx) => {
    // Checked again under the audit head lock: a year closed meanwhile gets no write.
    await tx.audit.lock();
    await assertWritableIn(tx, deps.clock, cycle, {
      owners: [...new Set([...owners, department])],
      writerDepartment: isDepartmentUser(user) ? user.departmentCode : null,
    });
    // Removing the last record of the same bytes deletes the file under this lock
    // (remove-evidence.ts); if that happened since it was stored above, store it again.
    if (!(await deps.evidence.has(sha256))) await deps.evidence.put(sha256, input.content);
    await tx.evidence.insert(row);
    await recordAudit(tx, deps.clock, {
      actor: user.username,
      action: "evidence.add",
      objectType: "evidence",
      objectId: row.id,
      after: {
        target: { kind: row.target_kind, code: row.target_code, department },
        name: row.original_name,
        sha256,
        size: row.size,
        mimeType: row.mime_type,
      },
    });
  });
  return presentEvidence(row);
}
