import type { Clock } from "../clock";
import type { Repositories } from "../repositories";
import { canonicalJson } from "./canonical-json";

export interface AuditFacts {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row; call it inside the transaction that makes the change. */
export function recordAudit(repos: Repositories, clock: Clock, facts: AuditFacts): Promise<number> {
  return repos.audit.append({
    at: clock.now().toISOString(),
    actor: facts.actor,
    action: facts.action,
    objectType: facts.objectType,
    objectId: facts.objectId,
    before: facts.before === undefined ? null : canonicalJson(facts.before),
    after: facts.after === undefined ? null : canonicalJson(facts.after),
  });
}
