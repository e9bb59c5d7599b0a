import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { demoFiles } from "../../src/platform/package-files";
import { AUDIT_KEY_PURPOSE } from "../../src/server/audit/audit-chain";
import {
  CHECKPOINT_FILE,
  CHECKPOINT_KEY_PURPOSE,
  fileCheckpointLog,
} from "../../src/server/audit/checkpoints";
import { createPasswordHasher, TEST_COST } from "../../src/server/auth/passwords";
import { manualClock } from "../../src/server/clock";
import { createPinnedCache } from "../../src/server/cycles/pinned-cache";
import { openPostgres, type Db } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import { buildApp } from "../../src/server/http/app";
import { DEFAULT_SERVER_CONFIG, type ServerDeps } from "../../src/server/http/server-deps";
import { createRepositories } from "../../src/server/repositories";
import { secretsFromKey, type ServerSecrets } from "../../src/server/secrets/server-key";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { localEvidenceStore } from "../../src/server/storage/evidence-store";
import { createSaveBatcher } from "../../src/server/values/save-batcher";
import { createScratchPostgres } from "./scratch-postgres";
import { TEST_PASSWORD, type Client } from "./server-harness";

/** One server process: its own pool, repositories, pinned cache and save batcher. */
export interface Instance {
  app: FastifyInstance;
  deps: ServerDeps;
  db: Db;
  as(username: string): Promise<Client>;
}

export interface TwinApps {
  a: Instance;
  b: Instance;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

/** Signs in on one app and returns a client sending its cookie and CSRF token. */
async function signIn(app: FastifyInstance, username: string): Promise<Client> {
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password: TEST_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login as ${username} failed: ${login.body}`);
  const cookie = login.cookies.find((candidate) => candidate.name === "kaoping_session")!;
  const csrfToken = (login.json() as { csrfToken: string }).csrfToken;
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      cookies: { kaoping_session: cookie.value, ...(options.cookies ?? {}) },
      headers: { "x-csrf-token": csrfToken, ...(options.headers ?? {}) },
    });
  return {
    username,
    csrfToken,
    request,
    get: (url) => request({ method: "GET", url }),
    put: (url, payload) =>
      request({ method: "PUT", url, payload: payload as InjectOptions["payload"] }),
    post: (url, payload) =>
      request({ method: "POST", url, payload: payload as InjectOptions["payload"] }),
  };
}

async function startInstance(
  url: string,
  clock: ReturnType<typeof manualClock>,
  secrets: ServerSecrets,
  dataDir: string,
): Promise<Instance> {
  const db = openPostgres(url, 20);
  const repos = createRepositories(db, secrets.derive(AUDIT_KEY_PURPOSE));
  const deps: ServerDeps = {
    repos,
    clock,
    pinned: createPinnedCache(),
    valueSaves: createSaveBatcher(repos, clock),
    passwords: createPasswordHasher(TEST_COST),
    evidence: localEvidenceStore(join(dataDir, "evidence")),
    secrets,
    checkpoints: fileCheckpointLog(
      join(dataDir, CHECKPOINT_FILE),
      secrets.derive(CHECKPOINT_KEY_PURPOSE),
    ),
    config: DEFAULT_SERVER_CONFIG,
  };
  const app = await buildApp(deps);
  return { app, deps, db, as: (username) => signIn(app, username) };
}

/**
 * Two servers over ONE fresh PostgreSQL database seeded with the demo, as two processes
 * behind a load balancer would run: same server key and data directory, nothing else
 * shared in memory.
 */
export async function startTwinApps(): Promise<TwinApps> {
  const scratch = await createScratchPostgres("kaoping_twin");
  const clock = manualClock("2026-03-01T02:00:00.000Z");
  const secrets = secretsFromKey(randomBytes(32));
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-twin-"));
  const a = await startInstance(scratch.url, clock, secrets, dataDir);
  await migrate(a.db.db as never, a.db.dialect);
  await seedDemoIfEmpty(a.deps, demoFiles(), TEST_PASSWORD);
  const b = await startInstance(scratch.url, clock, secrets, dataDir);
  return {
    a,
    b,
    clock,
    async close() {
      for (const instance of [a, b]) {
        await instance.app.close();
        await instance.db.close();
      }
      await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
