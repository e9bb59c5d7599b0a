import { createSaveBatcher } from "../../src/server/values/save-batcher";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { demoFiles } from "../../src/platform/package-files";
import { createPasswordHasher, TEST_COST } from "../../src/server/auth/passwords";
import { manualClock } from "../../src/server/clock";
import { openPostgres, openSqlite, type Db, type Dialect } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import { createPinnedCache } from "../../src/server/cycles/pinned-cache";
import { buildApp } from "../../src/server/http/app";
import {
  DEFAULT_SERVER_CONFIG,
  type ServerConfig,
  type ServerDeps,
} from "../../src/server/http/server-deps";
import { createRepositories } from "../../src/server/repositories";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { AUDIT_KEY_PURPOSE } from "../../src/server/audit/audit-chain";
import {
  CHECKPOINT_FILE,
  CHECKPOINT_KEY_PURPOSE,
  fileCheckpointLog,
} from "../../src/server/audit/checkpoints";
import { createScratchPostgres } from "./scratch-postgres";
import { secretsFromKey } from "../../src/server/secrets/server-key";
import { localEvidenceStore } from "../../src/server/storage/evidence-store";

/** The demo accounts' password in tests. */
export const TEST_PASSWORD = "Test-Pass-2025!";

/** The dialects every integration test runs on; PostgreSQL is part of the default run. */
export const DIALECTS: Dialect[] =
  process.env.KAOPING_TEST_SKIP_POSTGRES === "1" ? ["sqlite"] : ["sqlite", "postgres"];

/** A database of its own for one test file: in-memory SQLite, or a fresh PostgreSQL database. */
export async function openTestDatabase(
  dialect: Dialect,
): Promise<{ db: Db; drop(): Promise<void> }> {
  if (dialect === "sqlite") {
    const db = openSqlite(":memory:");
    return { db, drop: () => db.close() };
  }
  const scratch = await createScratchPostgres("kaoping_test");
  const db = openPostgres(scratch.url, 70);
  return {
    db,
    async drop() {
      await db.close();
      await scratch.drop();
    },
  };
}

export interface Client {
  username: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  put(url: string, payload: unknown): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export interface Harness {
  app: FastifyInstance;
  deps: ServerDeps;
  db: Db;
  clock: ReturnType<typeof manualClock>;
  dataDir: string;
  /** Signs in as a demo account and returns a client that sends its cookie and CSRF token. */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

/** A migrated database seeded with the demo city and its accounts, and the app on top. */
export async function startHarness(
  dialect: Dialect,
  config: Partial<ServerConfig> = {},
): Promise<Harness> {
  const { db, drop } = await openTestDatabase(dialect);
  await migrate(db.db as never, db.dialect);
  const clock = manualClock("2026-03-01T02:00:00.000Z");
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-test-"));
  const secrets = secretsFromKey(randomBytes(32));
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
    config: { ...DEFAULT_SERVER_CONFIG, ...config },
  };
  await seedDemoIfEmpty(deps, demoFiles(), TEST_PASSWORD);
  const app = await buildApp(deps);

  // Like a browser, each account's client keeps the device cookie of its last sign-in, so
  // failures a test provokes from elsewhere do not lock it out (auth/device-trust.ts).
  const devices = new Map<string, string>();
  async function as(username: string): Promise<Client> {
    const device = devices.get(username);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username, password: TEST_PASSWORD },
      ...(device ? { cookies: { kaoping_device: device } } : {}),
    });
    if (login.statusCode !== 200) throw new Error(`login as ${username} failed: ${login.body}`);
    const kept = login.cookies.find((candidate) => candidate.name === "kaoping_device");
    if (kept) devices.set(username, kept.value);
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

  return {
    app,
    deps,
    db,
    clock,
    dataDir,
    as,
    async close() {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
