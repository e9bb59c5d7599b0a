import type { PasswordHasher } from "./auth/passwords";
import type { Clock } from "./clock";
import type { EvidenceStore } from "./storage/evidence-store";
import type { PinnedCache } from "./cycles/pinned-cache";
import type { CheckpointLog } from "./audit/checkpoints";
import type { Repositories } from "./repositories";
import type { ServerSecrets } from "./secrets/server-key";
import type { SaveBatcher } from "./values/save-batcher";

/** What use cases are given: repositories, the clock, and the few services they need. */
export interface UseCaseDeps {
  repos: Repositories;
  clock: Clock;
  pinned: PinnedCache;
  /** Group commit for the hot path: clerks saving figures. */
  valueSaves: SaveBatcher;
  passwords: PasswordHasher;
  evidence: EvidenceStore;
  /** Keys kept outside the database (the audit chain's HMAC key, …). */
  secrets: ServerSecrets;
  /** The audit chain's head, copied out of the database from time to time. */
  checkpoints: CheckpointLog;
  /** The city's name on generated documents (KAOPING_CITY_NAME); see documents/document-sources.ts. */
  cityName?: string;
}
