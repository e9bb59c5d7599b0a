import { serverDepsOver } from "./second-server";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { demoFiles } from "../../src/platform/package-files";
import { manualClock } from "../../src/server/clock";
import { openPostgres, openSqlite, type Db, type Dialect } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import { buildApp } from "../../src/server/http/app";
import { type ServerConfig, type ServerDeps } from "../../src/server/http/server-deps";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { createScratchPostgres } from "./scratch-postgres";
import { secretsFromKey } from "../../src/server/secrets/server-key";

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

/**
 * Signs in as a demo account and returns a client that sends its cookie and CSRF token.
 * `devices` keeps each account's device cookie between sign-ins, as a browser would.
 */
export async function signIn(
  app: FastifyInstance,
  username: string,
  devices: Map<string, string> = new Map(),
): Promise<Client> {
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
  const deps = serverDepsOver(db, { secrets, clock, dataDir, config });
  await seedDemoIfEmpty(deps, demoFiles(), TEST_PASSWORD);
  const app = await buildApp(deps);

  // Like a browser, each account's client keeps the device cookie of its last sign-in, so
  // failures a test provokes from elsewhere do not lock it out (auth/device-trust.ts).
  const devices = new Map<string, string>();
  const as = (username: string) => signIn(app, username, devices);

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
