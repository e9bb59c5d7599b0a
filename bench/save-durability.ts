/**
 * What durability costs on SQLite: the real save route with `synchronous = FULL` (what
 * openSqlite sets: every commit syncs the WAL, so an acknowledged save survives power
 * loss) beside the same route with `synchronous = NORMAL` (the WAL synced only at
 * checkpoints), same load, same machine, alternating rounds. Group commit pays the
 * sync once per batch of saves, not once per save; the ratios say what is left.
 */
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { line } from "./measure";
import { percentile, runLoad, throughput, type LoadResult } from "./save-client";
import { createBenchDatabase, type BenchDatabase } from "./save-db";
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
} from "./save-targets";

const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;

/**
 * What one sync of a 4 KiB append costs on this disk (p50, p99 of 200), in the folder
 * the databases live in: FULL adds one such sync per commit, so this is what the
 * ratios below depend on. A disk with a volatile write cache the OS trusts answers fast.
 */
function syncLatency(dir: string): { p50: number; p99: number } {
  const file = join(dir, "sync-probe.bin");
  const fd = openSync(file, "w");
  const times: number[] = [];
  try {
    const block = Buffer.alloc(4096, 1);
    for (let i = 0; i < 200; i++) {
      writeSync(fd, block);
      const started = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: times[99]!, p99: times[197]! };
}

export async function durabilityBench(): Promise<void> {
  const databases: BenchDatabase[] = [];
  const targets: Target[] = [];
  try {
    const normalDb = await createBenchDatabase("sqlite");
    databases.push(normalDb);
    const fullDb = await createBenchDatabase("sqlite");
    databases.push(fullDb);
    const plans = planWorkers(fullDb.accounts);
    const normal = await openTarget("real", normalDb, plans, { sqliteSynchronous: "NORMAL" });
    targets.push(normal);
    const full = await openTarget("real", fullDb, plans, { sqliteSynchronous: "FULL" });
    targets.push(full);

    await drive(normal, WARMUP, false);
    await drive(full, WARMUP, false);
    for (let round = 0; round < ROUNDS; round++) {
      await drive(normal, MEASURED / ROUNDS, true);
      await drive(full, MEASURED / ROUNDS, true);
    }
    const paced: Record<"normal" | "full", LoadResult> = {
      normal: await runLoad(
        normal.steps,
        PACED_REQUESTS,
        performance.now() + CAP_MS,
        PACED_INTERVAL_MS,
      ),
      full: await runLoad(
        full.steps,
        PACED_REQUESTS,
        performance.now() + CAP_MS,
        PACED_INTERVAL_MS,
      ),
    };
    const normalRun = summarize(normal);
    const fullRun = summarize(full);

    console.log("");
    console.log(
      `SQLite durability: the real save route with synchronous = FULL (production) vs NORMAL, ` +
        `${WORKERS} workers, alternating rounds, each server in its own process`,
    );
    const sync = syncLatency(fullDb.env.KAOPING_DATA_DIR ?? ".");
    console.log(
      line(
        "this disk: fdatasync of a 4 KiB append",
        `${sync.p50.toFixed(2)} ms`,
        `p99 ${sync.p99.toFixed(2)} ms (FULL adds one per commit; group commit shares it among a batch)`,
      ),
    );
    const normalRate = throughput(normalRun.result);
    const fullRate = throughput(fullRun.result);
    console.log(
      line(
        "sqlite baseline: synchronous = NORMAL",
        `${normalRate.toFixed(0)} req/s`,
        describe(normalRun),
      ),
    );
    console.log(
      line("sqlite synchronous = FULL", `${fullRate.toFixed(0)} req/s`, describe(fullRun)),
    );
    const p = (result: LoadResult, at: number) => percentile(result.latencies, at);
    console.log(
      line("sqlite FULL / NORMAL throughput", ratio(fullRate, normalRate), "(saturated)"),
    );
    console.log(
      line(
        "sqlite FULL / NORMAL p50",
        ratio(p(fullRun.result, 50), p(normalRun.result, 50)),
        `${ms(p(fullRun.result, 50))} vs ${ms(p(normalRun.result, 50))} (saturated)`,
      ),
    );
    console.log(
      line(
        "sqlite FULL / NORMAL p99",
        ratio(p(fullRun.result, 99), p(normalRun.result, 99)),
        `${ms(p(fullRun.result, 99))} vs ${ms(p(normalRun.result, 99))} (saturated)`,
      ),
    );
    console.log(
      line(
        "sqlite FULL / NORMAL paced p50",
        ratio(p(paced.full, 50), p(paced.normal, 50)),
        `${ms(p(paced.full, 50))} vs ${ms(p(paced.normal, 50))} ` +
          `(${WORKERS} clerks each saving every ${PACED_INTERVAL_MS} ms)`,
      ),
    );
    console.log(
      line(
        "sqlite FULL / NORMAL paced p99",
        ratio(p(paced.full, 99), p(paced.normal, 99)),
        `${ms(p(paced.full, 99))} vs ${ms(p(paced.normal, 99))}` +
          (paced.full.errors + paced.normal.errors > 0
            ? `; errors: FULL ${paced.full.errors}, NORMAL ${paced.normal.errors}`
            : ""),
      ),
    );
  } finally {
    for (const target of targets) await closeTarget(target);
    for (const database of databases) await database.drop();
  }
}
