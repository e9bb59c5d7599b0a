import type { AuditVerdict } from "../../contract/api";
import type { Lang } from "../../core";
import type { AuthUser } from "../auth/auth-user";
import { AUDIT_READERS, requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import { AUDIT_KEY_PURPOSE, createChainVerifier, type ChainVerdict } from "./audit-chain";

type VerifyDeps = Pick<UseCaseDeps, "repos" | "secrets" | "checkpoints">;

/** How many failing rows a message names before it says "and N more". */
const NAMED_IN_MESSAGE = 20;

function describe(verdict: ChainVerdict, lang: Lang): string {
  const anchored =
    lang === "zh"
      ? `，并与 ${verdict.checkpoints} 个库外检查点相符`
      : `, matching ${verdict.checkpoints} checkpoint(s) kept outside the database`;
  if (verdict.intact) {
    return lang === "zh"
      ? `审计链完整，共 ${verdict.rows} 条记录${verdict.checkpoints > 0 ? anchored : ""}`
      : `the audit chain is intact: ${verdict.rows} rows${verdict.checkpoints > 0 ? anchored : ""}`;
  }
  const [first] = verdict.failures;
  const named = verdict.failures.slice(0, NAMED_IN_MESSAGE).map((failure) => failure.seq);
  const more = verdict.failureCount - named.length;
  if (lang === "zh") {
    const list =
      named.map((seq) => `第 ${seq} 条`).join("、") + (more > 0 ? ` 等（另有 ${more} 处）` : "");
    return `审计链在第 ${first!.seq} 条记录处断开：${first!.reason.zh}。共 ${verdict.failureCount} 处不符：${list}`;
  }
  const list = named.join(", ") + (more > 0 ? ` and ${more} more` : "");
  return `the audit chain breaks at row ${first!.seq}: ${first!.reason.en}. ${verdict.failureCount} problem(s) in all, at rows ${list}`;
}

/**
 * Checks the whole audit chain on one snapshot of the database, against the key and
 * the checkpoints kept outside it; used by `GET /api/audit/verify` and `kaoping audit verify`.
 */
export async function verifyAuditLog(deps: VerifyDeps, lang: Lang): Promise<AuditVerdict> {
  const verifier = createChainVerifier(
    deps.secrets.derive(AUDIT_KEY_PURPOSE),
    deps.checkpoints.read(),
  );
  const verdict = await deps.repos.snapshot(async (repos) => {
    const head = await repos.audit.head();
    for await (const row of repos.audit.rows()) verifier.add(row);
    return verifier.finish(head);
  });
  return {
    intact: verdict.intact,
    rows: verdict.rows,
    headSeq: verdict.headSeq,
    ...(verdict.intact ? {} : { firstBadSeq: verdict.failures[0]!.seq }),
    failures: verdict.failures.map((failure) => ({
      seq: failure.seq,
      reason: failure.reason[lang],
    })),
    failureCount: verdict.failureCount,
    checkpoints: verdict.checkpoints,
    message: describe(verdict, lang),
  };
}

export async function verifyAuditForUser(
  deps: VerifyDeps,
  user: AuthUser,
  lang: Lang,
): Promise<AuditVerdict> {
  requireRole(user, AUDIT_READERS);
  return verifyAuditLog(deps, lang);
}
