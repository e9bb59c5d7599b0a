import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { demoFiles } from "../../src/platform/package-files";
import { manualClock } from "../../src/server/clock";
import { openPostgres, type Db } from "../../src/server/db/connect";
import { migrate } from "../../src/server/db/migrate";
import { buildApp } from "../../src/server/http/app";
import { type ServerDeps } from "../../src/server/http/server-deps";
import { secretsFromKey, type ServerSecrets } from "../../src/server/secrets/server-key";
import { seedDemoIfEmpty } from "../../src/server/seed/seed-demo";
import { createScratchPostgres } from "./scratch-postgres";
import { serverDepsOver } from "./second-server";
import { signIn, TEST_PASSWORD, type Client } from "./server-harness";

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

async function startInstance(
  url: string,
  clock: ReturnType<typeof manualClock>,
  secrets: ServerSecrets,
  dataDir: string,
): Promise<Instance> {
  const db = openPostgres(url, 20);
  const deps = serverDepsOver(db, { secrets, clock, dataDir });
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
