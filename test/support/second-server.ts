import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { AUDIT_KEY_PURPOSE } from "../../src/server/audit/audit-chain";
import {
  CHECKPOINT_FILE,
  CHECKPOINT_KEY_PURPOSE,
  fileCheckpointLog,
} from "../../src/server/audit/checkpoints";
import { createPasswordHasher, TEST_COST } from "../../src/server/auth/passwords";
import type { Clock } from "../../src/server/clock";
import { createPinnedCache } from "../../src/server/cycles/pinned-cache";
import type { Db } from "../../src/server/db/connect";
import { buildApp } from "../../src/server/http/app";
import {
  DEFAULT_SERVER_CONFIG,
  type ServerConfig,
  type ServerDeps,
} from "../../src/server/http/server-deps";
import { createRepositories } from "../../src/server/repositories";
import type { ServerSecrets } from "../../src/server/secrets/server-key";
import { localEvidenceStore } from "../../src/server/storage/evidence-store";
import { createSaveBatcher } from "../../src/server/values/save-batcher";

/**
 * The parts of a server process over an existing database, as a restarted (or a
 * second) server would build them: nothing kept in memory is shared with the first.
 */
export function serverDepsOver(
  db: Db,
  options: {
    secrets: ServerSecrets;
    clock: Clock;
    dataDir: string;
    config?: Partial<ServerConfig>;
  },
): ServerDeps {
  const repos = createRepositories(db, options.secrets.derive(AUDIT_KEY_PURPOSE));
  return {
    repos,
    clock: options.clock,
    pinned: createPinnedCache(),
    valueSaves: createSaveBatcher(repos, options.clock),
    passwords: createPasswordHasher(TEST_COST),
    evidence: localEvidenceStore(join(options.dataDir, "evidence")),
    secrets: options.secrets,
    checkpoints: fileCheckpointLog(
      join(options.dataDir, CHECKPOINT_FILE),
      options.secrets.derive(CHECKPOINT_KEY_PURPOSE),
    ),
    config: { ...DEFAULT_SERVER_CONFIG, ...options.config },
  };
}

/** A new app on the same database, the same key and the same data directory: a restart. */
export async function restartedServer(harness: {
  db: Db;
  deps: ServerDeps;
  dataDir: string;
}): Promise<{ app: FastifyInstance; deps: ServerDeps }> {
  const deps = serverDepsOver(harness.db, {
    secrets: harness.deps.secrets,
    clock: harness.deps.clock,
    dataDir: harness.dataDir,
  });
  return { app: await buildApp(deps), deps };
}
