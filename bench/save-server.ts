/**
 * One server under test for the save benchmark, run as a child process so the load
 * generator does not share its event loop. `real` is the Kaoping app wired exactly as
 * in production (composeFromEnvironment); `bare` is a minimal Fastify app with one
 * route that upserts into data_values on the same kind of database, opened the same
 * way. Listens on 127.0.0.1, port 0; sends the port to the parent over IPC, answers
 * "cpu" with its CPU time so far, and closes when the parent sends "close".
 *
 * To profile the server side: KAOPING_BENCH_SERVER_NODE_OPTIONS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof" npm run bench.
 */
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { TEST_COST } from "../src/server/auth/passwords";
import { composeFromEnvironment, type Environment } from "../src/server/compose";
import { openDatabase, type Db } from "../src/server/db/connect";
import { buildApp } from "../src/server/http/app";

export interface ServerSpec {
  kind: "real" | "bare";
  env: Environment;
  cycleId: string;
  /**
   * SQLite only: run the real app with this `synchronous` setting instead of the one
   * openSqlite chooses (FULL), to measure what durability costs (save-durability.ts).
   */
  sqliteSynchronous?: "NORMAL" | "FULL";
}

export interface ServerReady {
  port: number;
}

/** The answer to "cpu": CPU time this process has used so far (user + system), in ms. */
export interface ServerCpu {
  cpuMs: number;
}

async function bareApp(db: Db, cycleId: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.put<{
    Params: { element: string; region: string };
    Body: { value: number; version?: number; note?: string | null };
  }>("/bare/:element/:region", async (request) => {
    const row = await db.db
      .insertInto("data_values")
      .values({
        cycle_id: cycleId,
        element_code: request.params.element,
        region_code: request.params.region,
        value: request.body.value,
        note: request.body.note ?? null,
        version: 1,
        updated_by: "bench",
        updated_at: new Date().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(["cycle_id", "element_code", "region_code"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          note: eb.ref("excluded.note"),
          version: sql<number>`data_values.version + 1`,
          updated_by: eb.ref("excluded.updated_by"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .returning("version")
      .executeTakeFirstOrThrow();
    return { version: Number(row.version) };
  });
  return app;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.KAOPING_BENCH_SERVER ?? "") as ServerSpec;
  let app: FastifyInstance;
  let db: Db;
  if (spec.kind === "real") {
    const composed = await composeFromEnvironment(spec.env, { argon2: TEST_COST });
    db = composed.db;
    if (db.dialect === "sqlite" && spec.sqliteSynchronous) {
      const mode = spec.sqliteSynchronous === "NORMAL" ? "NORMAL" : "FULL";
      await sql.raw(`pragma synchronous = ${mode}`).execute(db.db);
    }
    app = await buildApp(composed.deps);
  } else {
    db = openDatabase({
      databaseUrl: spec.env.DATABASE_URL || undefined,
      sqliteFile: join(spec.env.KAOPING_DATA_DIR ?? "./data", "kaoping.sqlite"),
    });
    app = await bareApp(db, spec.cycleId);
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address");
  process.send!({ port: address.port } satisfies ServerReady);
  process.on("message", (message) => {
    if (message === "cpu") {
      const usage = process.cpuUsage();
      process.send!({ cpuMs: (usage.user + usage.system) / 1000 } satisfies ServerCpu);
      return;
    }
    if (message !== "close") return;
    void (async () => {
      await app.close();
      await db.close();
      // Let the process end on its own so --cpu-prof can write its profile.
      process.disconnect();
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
