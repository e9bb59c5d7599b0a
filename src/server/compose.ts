import { createSaveBatcher } from "./values/save-batcher";
import { join, resolve } from "node:path";
import { createPasswordHasher, PRODUCTION_COST, type Argon2Cost } from "./auth/passwords";
import { systemClock, type Clock } from "./clock";
import { openDatabase, type Db } from "./db/connect";
import { migrate } from "./db/migrate";
import { createPinnedCache } from "./cycles/pinned-cache";
import { DEFAULT_SERVER_CONFIG, type ServerConfig, type ServerDeps } from "./http/server-deps";
import { createRepositories } from "./repositories";
import { AUDIT_KEY_PURPOSE } from "./audit/audit-chain";
import { CHECKPOINT_FILE, CHECKPOINT_KEY_PURPOSE, fileCheckpointLog } from "./audit/checkpoints";
import { ensurePrivateDirectory, loadServerSecrets } from "./secrets/server-key";
import { localEvidenceStore } from "./storage/evidence-store";
import { noticeConfigFromEnvironment, type NoticeEnvironment } from "./notifications/notice-config";

export interface Environment extends NoticeEnvironment {
  DATABASE_URL?: string;
  KAOPING_DATA_DIR?: string;
  KAOPING_SECURE_COOKIES?: string;
  KAOPING_TRUST_PROXY?: string;
  KAOPING_UPLOAD_LIMIT_MB?: string;
  /** The built web app to serve (default build/web in the checkout). */
  KAOPING_WEB_ROOT?: string;
  /** 64 hex digits; otherwise <data dir>/secret.key (created on the first start). */
  KAOPING_SECRET_KEY?: string;
  /** "0" (or "false") lets admin, office and auditor sign in without a second factor. */
  KAOPING_REQUIRE_2FA?: string;
  /** The city's name on generated documents. */
  KAOPING_CITY_NAME?: string;
}

export interface Composed {
  db: Db;
  deps: ServerDeps;
  dataDir: string;
}

/**
 * Wires the real parts together from the environment: PostgreSQL when DATABASE_URL
 * is set, else SQLite at <data dir>/kaoping.sqlite; evidence under <data dir>/evidence.
 * Migrates before returning. The one place that decides which implementations run.
 */
export async function composeFromEnvironment(
  env: Environment,
  overrides: { clock?: Clock; argon2?: Argon2Cost; config?: Partial<ServerConfig> } = {},
): Promise<Composed> {
  const dataDir = env.KAOPING_DATA_DIR || "./data";
  ensurePrivateDirectory(dataDir);
  const secrets = loadServerSecrets(dataDir, env.KAOPING_SECRET_KEY || undefined);
  const db = openDatabase({
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteFile: join(dataDir, "kaoping.sqlite"),
  });
  await migrate(db.db as never, db.dialect);
  const config: ServerConfig = {
    ...DEFAULT_SERVER_CONFIG,
    secureCookies: env.KAOPING_SECURE_COOKIES === "1" || env.KAOPING_SECURE_COOKIES === "true",
    trustProxy: env.KAOPING_TRUST_PROXY === "1" || env.KAOPING_TRUST_PROXY === "true",
    requireTwoFactor: env.KAOPING_REQUIRE_2FA !== "0" && env.KAOPING_REQUIRE_2FA !== "false",
    ...(env.KAOPING_UPLOAD_LIMIT_MB
      ? { uploadLimitBytes: Number(env.KAOPING_UPLOAD_LIMIT_MB) * 1024 * 1024 }
      : {}),
    // @fastify/static takes only an absolute root; a relative one is read from the working directory.
    ...(env.KAOPING_WEB_ROOT ? { webRoot: resolve(env.KAOPING_WEB_ROOT) } : {}),
    ...noticeConfigFromEnvironment(env),
    ...overrides.config,
  };
  const repos = createRepositories(db, secrets.derive(AUDIT_KEY_PURPOSE));
  const clock = overrides.clock ?? systemClock;
  const deps: ServerDeps = {
    repos,
    clock,
    pinned: createPinnedCache(),
    valueSaves: createSaveBatcher(repos, clock),
    passwords: createPasswordHasher(overrides.argon2 ?? PRODUCTION_COST),
    evidence: localEvidenceStore(join(dataDir, "evidence")),
    secrets,
    checkpoints: fileCheckpointLog(
      join(dataDir, CHECKPOINT_FILE),
      secrets.derive(CHECKPOINT_KEY_PURPOSE),
    ),
    ...(env.KAOPING_CITY_NAME?.trim() ? { cityName: env.KAOPING_CITY_NAME.trim() } : {}),
    config,
  };
  return { db, deps, dataDir };
}
