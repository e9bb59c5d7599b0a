import type { PasswordHasher } from "./auth/passwords";
import type { Clock } from "./clock";
import type { EvidenceStore } from "./storage/evidence-store";
import type { FrameworkCache } from "./frameworks/framework-cache";
import type { Repositories } from "./repositories";

/** What use cases are given: repositories, the clock, and the few services they need. */
export interface UseCaseDeps {
  repos: Repositories;
  clock: Clock;
  frameworks: FrameworkCache;
  passwords: PasswordHasher;
  evidence: EvidenceStore;
}
