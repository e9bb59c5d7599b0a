import type { AuditVerdict } from "../../contract/api";
import type { Lang } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { AUDIT_READERS, requireRole } from "../auth/policy";
import type { Repositories } from "../repositories";
import { verifyChain, type AuditRow } from "./audit-chain";

/** Checks the whole audit chain; used by `GET /api/audit/verify` and `kaoping audit verify`. */
export async function verifyAuditLog(repos: Repositories, lang: Lang): Promise<AuditVerdict> {
  const rows: AuditRow[] = [];
  for await (const row of repos.audit.rows()) rows.push(row);
  const verdict = verifyChain(rows, await repos.audit.head());
  if (verdict.intact) {
    return {
      intact: true,
      rows: verdict.rows,
      headSeq: verdict.headSeq,
      message:
        lang === "zh"
          ? `审计链完整，共 ${verdict.rows} 条记录`
          : `the audit chain is intact: ${verdict.rows} rows`,
    };
  }
  return {
    intact: false,
    rows: verdict.rows,
    firstBadSeq: verdict.firstBadSeq,
    message:
      lang === "zh"
        ? `审计链在第 ${verdict.firstBadSeq} 条记录处断开：${verdict.reason}`
        : `the audit chain breaks at row ${verdict.firstBadSeq}: ${verdict.reasonEn}`,
  };
}

export async function verifyAuditForUser(
  repos: Repositories,
  user: AuthUser,
  lang: Lang,
): Promise<AuditVerdict> {
  requireRole(user, AUDIT_READERS);
  return verifyAuditLog(repos, lang);
}
