import type { Repositories } from "../repositories";
import type { DocumentScope } from "./document-sources";

/** What the bound volume's last page prints: who certified what, and where the chain stood. */
export interface CertificationFacts {
  declaration: string;
  signedBy: string;
  signedAt: string;
  snapshotDigest: string;
  auditHead: { seq: number; hash: string } | null;
  state: string;
}

/**
 * A department's latest submission (the head's declaration and the SM3 digest of what was
 * certified), or the city's latest aggregation; with the audit row that step wrote, whose
 * hash is the chain's head at that moment. Null when nothing was certified yet.
 */
export async function gatherCertification(
  repos: Repositories,
  scope: DocumentScope,
): Promise<CertificationFacts | null> {
  const { cycle } = scope.loaded;
  if (scope.department) {
    const code = scope.department.code;
    const event = await repos.workflow.latestEvent(cycle.id, code, "submit");
    if (!event || event.digest === null) return null;
    const [names, link, submission] = await Promise.all([
      repos.departments.displayNames([event.actor]),
      repos.audit.linkOf("submission.submit", `${cycle.year}/${code}`, event.at),
      repos.workflow.submission(cycle.id, code),
    ]);
    return {
      declaration: event.declaration ?? "",
      signedBy: `${names.get(event.actor) ?? event.actor}（${event.actor}）`,
      signedAt: event.at,
      snapshotDigest: event.digest,
      auditHead: link ?? null,
      state: submission?.state ?? "submitted",
    };
  }
  const snapshot = await repos.workflow.latestSnapshot(cycle.id);
  if (!snapshot) return null;
  const [names, link] = await Promise.all([
    repos.departments.displayNames([snapshot.created_by]),
    repos.audit.linkOf("cycle.aggregate", String(cycle.year), snapshot.created_at),
  ]);
  return {
    declaration: `考评办已审核各单位报送材料，汇总形成${cycle.year}年度全市考评数据。`,
    signedBy: `${names.get(snapshot.created_by) ?? snapshot.created_by}（${snapshot.created_by}）`,
    signedAt: snapshot.created_at,
    snapshotDigest: snapshot.digest,
    auditHead: link ?? null,
    state: cycle.status,
  };
}
