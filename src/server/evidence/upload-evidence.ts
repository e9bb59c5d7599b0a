import { localized, type Framework, type Localized } from "../../core";
import { recordAudit } from "../audit/record";
import { isDepartmentUser, type AuthUser } from "../auth/auth-user";
import { CITY_WRITERS, elementsOfDepartment, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { assertCycleOpen, assertCycleOpenIn } from "../cycles/assert-open";
import { presentEvidence, type EvidenceSummary } from "../cycles/list-items";
import { loadCycle } from "../cycles/load-cycle";
import type { EvidenceTarget } from "../db/schema";
import { DomainError, forbidden, invalid, notFound } from "../errors";
import { newId, sha256Hex } from "../ids";
import { ACCEPTED_KINDS, detectFileType } from "./detect-file-type";
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
  if (kind === "indicator") {
    const indicator = framework.indicators.find((candidate) => candidate.code === code);
    return indicator && [indicator.department];
  }
  if (kind === "workItem") {
    const item = framework.workItems.find((candidate) => candidate.code === code);
    return item && [item.department];
  }
  if (!framework.elements.has(code)) return undefined;
  return framework.doc.departments
    .map((department) => department.code)
    .filter((department) => elementsOfDepartment(framework, department).has(code));
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

// C0 and C1 controls, lone surrogates, and the bidirectional overrides that can make
// "report\u202Efdp.exe" read as "reportexe.pdf".
function isUnsafeChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export const MAX_NAME_LENGTH = 200;

/**
 * The name to store: no folders, no control characters, at most 200 characters, and
 * an extension that fits the content. The extension decides what opens the file once
 * downloaded, so a PDF sent as "x.html" is stored as "x.html.pdf".
 */
export function cleanFileName(raw: string, extensions: readonly string[]): string {
  const lastPart = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = Array.from(lastPart)
    .filter((char) => !isUnsafeChar(char))
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
): Promise<EvidenceSummary> {
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

  const verdict = detectFileType(input.content);
  if (!verdict.accepted) {
    const shownName = cleanFileName(input.fileName, []);
    throw new DomainError(
      "unsupported",
      localized(
        `文件「${shownName}」是${verdict.what.zh}，不能作为辅证材料上传；可上传 ${ACCEPTED_KINDS.zh}`,
        `file "${shownName}" is ${verdict.what.en} and cannot be evidence; upload ${ACCEPTED_KINDS.en}`,
      ),
    );
  }

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
    await assertCycleOpenIn(tx, cycle);
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
