import { setTimeout as sleep } from "node:timers/promises";
import type { Dialect } from "../../src/server/db/connect";
import { snapshotBundle } from "./bundle-snapshot";
import { checkAfterRestart } from "./check-restart";
import { createCrashDatabase } from "./crash-database";
import { emptyReport, failureCount, type CrashReport } from "./crash-report";
import { loadDemoCity } from "./demo-city";
import { checkSeed, killFirstStarts, measureFirstStart, type FirstStartKills } from "./first-start";
import { endpoint } from "./http";
import { Ledger, type AckKind } from "./ledger";
import { createRandom } from "./random";
import { ROOT, startServerProcess, type ServerProcess } from "./server-process";
import { createClients, DEFAULT_SHAPE, Epoch, type WorkloadShape } from "./workload";

export { formatReport, passed, type CrashReport } from "./crash-report";

/**
 * One crash run on one database: kill the real server during its very first start
 * (while it seeds the demo), then again and again at random moments under load, and
 * after every restart check that nothing acknowledged is gone, the database is sound
 * and the audit chain verifies.
 */

export interface CrashOptions {
  dialect: Dialect;
  seed: number;
  /** Kills while the clients are writing. */
  kills: number;
  /** Kills during the very first start (the seeding), before the server first listens. */
  firstStartKills: number;
  /** The load runs this long (ms, drawn uniformly) before each kill. */
  loadMs: [number, number];
  shape?: WorkloadShape;
  /** Progress, one line per kill. */
  log?: (line: string) => void;
}

export async function runCrash(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const city = loadDemoCity();
  const ledger = new Ledger();
  const random = createRandom(options.seed, `kills/${options.dialect}`);
  const report = emptyReport(options.dialect, options.seed, ledger.counts, city.expectedScore);
  const bundle = await snapshotBundle(ROOT);
  const { entry } = bundle;
  let first: FirstStartKills | undefined;
  let server: ServerProcess | undefined;
  try {
    report.firstStart = await measureFirstStart(entry, options.dialect, city);
    first = {
      entry,
      dialect: options.dialect,
      city,
      random,
      report,
      log,
      count: options.firstStartKills,
      database: await createCrashDatabase(options.dialect),
    };
    await killFirstStarts(first);
    const { database } = first;
    server = startServerProcess(entry, database);
    let port = await server.ready;
    await checkSeed(database, city, port, report, ledger);

    const clients = createClients(city, ledger, options.seed, options.shape ?? DEFAULT_SHAPE);
    const warmUp = endpoint(port);
    for (const client of clients) await client.prepare(warmUp);
    warmUp.agent.destroy();
    const reported = new Set<string>();
    for (let kill = 1; kill <= options.kills; kill++) {
      const before = { ...ledger.counts };
      const target = endpoint(port);
      const epoch = new Epoch();
      const running = clients.map((client) => client.run(target, epoch));
      const delay = random.int(options.loadMs[0], options.loadMs[1]);
      await sleep(delay);
      epoch.killing = true;
      await server.kill();
      epoch.stopped = true;
      await Promise.all(running);
      target.agent.destroy();
      report.loadKills++;
      report.unexpected.push(...epoch.unexpected.map((entry) => `kill ${kill}: ${entry}`));

      server = startServerProcess(entry, database);
      port = await server.ready;
      const failuresBefore = failureCount(report);
      await checkAfterRestart(
        entry,
        database,
        city,
        ledger,
        port,
        report,
        reported,
        `kill ${kill}`,
      );
      const failures = failureCount(report) - failuresBefore;
      const added = (kind: AckKind) => ledger.counts[kind] - before[kind];
      log(
        `kill ${kill}/${options.kills} after ${delay} ms: +${added("figures")} figures, ` +
          `+${added("work")} work answers, +${added("uploads")} uploads, +${added("logins")} sign-ins; ` +
          (failures === 0 ? "all there" : `${failures} FAILURES`),
      );
    }
  } finally {
    await server?.kill();
    await first?.database.drop();
    bundle.remove();
  }
  report.ms = performance.now() - started;
  return report;
}
