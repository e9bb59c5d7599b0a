/**
 * Save throughput: 64 concurrent clerks saving figures through
 * `PUT /api/cycles/:year/values/:element/:region` over loopback HTTP, beside a bare
 * Fastify route doing one upsert of the same table on the same kind of database,
 * measured in the same run — for SQLite (a WAL file) and PostgreSQL.
 * Goal: the real route reaches at least 50 % of the bare route's throughput, p99 < 50 ms.
 */
import type { Dialect } from "../src/server/db/connect";
import { line } from "./measure";
import { percentile, runLoad, throughput, type LoadResult } from "./save-client";
import { connectionsTo, createBenchDatabase, type BenchDatabase } from "./save-db";
import { durabilityBench } from "./save-durability";
import {
  CAP_MS,
  closeTarget,
  describe,
  drive,
  MEASURED,
  ms,
  openTarget,
  PACED_INTERVAL_MS,
  PACED_REQUESTS,
  planWorkers,
  ROUNDS,
  summarize,
  WARMUP,
  WORKERS,
  type Target,
  type TargetRun,
  type WorkerPlan,
} from "./save-targets";

const THROUGHPUT_GOAL = 0.5;
const P99_GOAL_MS = 50;

/**
 * Both servers run side by side (the idle one costs nothing); the measured requests
 * go in ROUNDS alternating rounds, bare then real, so a noisy neighbour on the machine
 * weighs on both alike.
 */
async function measurePair(
  bareDb: BenchDatabase,
  realDb: BenchDatabase,
  plans: WorkerPlan[],
): Promise<{ bare: TargetRun; real: TargetRun; paced: LoadResult }> {
  const bare = await openTarget("bare", bareDb, plans);
  let real: Target | undefined;
  try {
    real = await openTarget("real", realDb, plans);
    await drive(bare, WARMUP, false);
    await drive(real, WARMUP, false);
    for (let round = 0; round < ROUNDS; round++) {
      await drive(bare, MEASURED / ROUNDS, true);
      await drive(real, MEASURED / ROUNDS, true);
    }
    const paced = await runLoad(
      real.steps,
      PACED_REQUESTS,
      performance.now() + CAP_MS,
      PACED_INTERVAL_MS,
    );
    const postgres = realDb.dialect === "postgres";
    return {
      paced,
      bare: summarize(bare, postgres ? await connectionsTo(bareDb) : undefined),
      real: summarize(real, postgres ? await connectionsTo(realDb) : undefined),
    };
  } finally {
    await closeTarget(bare);
    if (real) await closeTarget(real);
  }
}

async function dialectBench(dialect: Dialect): Promise<void> {
  const bareDb = await createBenchDatabase(dialect);
  let realDb: BenchDatabase | undefined;
  try {
    realDb = await createBenchDatabase(dialect);
    const plans = planWorkers(realDb.accounts);
    const { bare, real, paced } = await measurePair(bareDb, realDb, plans);

    const accounts = new Set(plans.map((plan) => plan.username)).size;
    const keys = plans.reduce((sum, plan) => sum + plan.keys.length, 0);
    console.log("");
    console.log(
      dialect === "sqlite"
        ? "sqlite: a WAL file in a temporary directory (one connection, as in production)"
        : `postgres: a fresh database on 127.0.0.1:5432, the openPostgres default pool ` +
            `(server held ${real.connections} connections at the end; bare ${bare.connections})`,
    );
    console.log(
      `  ${WORKERS} workers, each signed in on its own; ${accounts} of the ` +
        `${realDb.departmentAccounts} department accounts (the others' departments write no ` +
        `figures); ${keys} distinct figures, never shared between workers`,
    );
    const bareRate = throughput(bare.result);
    const realRate = throughput(real.result);
    console.log(
      line(
        `${dialect} baseline: bare route, one upsert`,
        `${bareRate.toFixed(0)} req/s`,
        describe(bare),
      ),
    );
    console.log(
      line(
        `${dialect} PUT /api/cycles/:y/values/:e/:r`,
        `${realRate.toFixed(0)} req/s`,
        describe(real),
      ),
    );
    const ratio = realRate / bareRate;
    console.log(
      line(
        `${dialect} real / bare throughput`,
        `${ratio.toFixed(2)}×`,
        `goal ≥ ${THROUGHPUT_GOAL.toFixed(2)}: ${ratio >= THROUGHPUT_GOAL ? "met" : "NOT met"}`,
      ),
    );
    const p99 = percentile(real.result.latencies, 99);
    console.log(
      line(
        `${dialect} real route p99 (saturated)`,
        ms(p99),
        `p99 < ${P99_GOAL_MS} ms: ${p99 < P99_GOAL_MS ? "met" : "NOT met"} (bare route: ` +
          `${ms(percentile(bare.result.latencies, 99))}; ${WORKERS} requests always in flight, ` +
          `so mean latency ≈ ${WORKERS} / throughput)`,
      ),
    );
    const pacedP99 = percentile(paced.latencies, 99);
    const offered = (WORKERS * 1000) / PACED_INTERVAL_MS;
    console.log(
      line(
        `${dialect} real route paced p99`,
        ms(pacedP99),
        `${WORKERS} clerks each saving every ${PACED_INTERVAL_MS} ms (${offered.toFixed(0)} saves/s ` +
          `offered, ${paced.completed} saves): p50 ${ms(percentile(paced.latencies, 50))}; ` +
          `p99 < ${P99_GOAL_MS} ms: ${pacedP99 < P99_GOAL_MS ? "met" : "NOT met"}` +
          (paced.errors > 0 ? `; ${paced.errors} errors` : ""),
      ),
    );
    console.log(
      line(
        `${dialect} real route 409 conflicts`,
        String(real.result.conflicts),
        real.result.conflicts === 0 ? "(expected 0)" : "(expected 0: workers never share a figure)",
      ),
    );
  } finally {
    await bareDb.drop();
    await realDb?.drop();
  }
}

export async function saveBench(): Promise<void> {
  console.log("");
  console.log(
    `Saving figures over loopback HTTP — ${WORKERS} concurrent clerks, ${MEASURED} saves per ` +
      `target after ${WARMUP} warm-up, in ${ROUNDS} alternating rounds (cap ${CAP_MS / 1000} s ` +
      `per target); each server in its own process`,
  );
  const dialects: Dialect[] =
    process.env.KAOPING_TEST_SKIP_POSTGRES === "1" ? ["sqlite"] : ["sqlite", "postgres"];
  for (const dialect of dialects) await dialectBench(dialect);
  await durabilityBench();
}
