/**
 * `npm run crash`: the long crash run — the real server killed (SIGKILL) during its very
 * first start and then at 200 random moments under concurrent saves, work answers,
 * uploads and sign-ins, on SQLite and on PostgreSQL. Exits 1 when anything acknowledged
 * was lost, a chain broke, an integrity check failed or the seed came out wrong.
 *
 *   npm run crash -- [--kills 200] [--first-start-kills 5] [--seed N] [--dialect sqlite|postgres]
 *                    [--load-ms 100-1500] [--quiet]
 *
 * `--seed` replays a run's choices (kill moments, what each client writes); how far the
 * server got when a kill landed still depends on the machine's timing.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Dialect } from "../../src/server/db/connect";
import { newSeed } from "./random";
import { formatReport, passed, runCrash, type CrashReport } from "./run-crash";

export interface CrashCommandOptions {
  kills: number;
  firstStartKills: number;
  seed: number;
  dialects: Dialect[];
  loadMs: [number, number];
  quiet: boolean;
}

export function parseCrashArgs(argv: string[]): CrashCommandOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      kills: { type: "string", default: "200" },
      "first-start-kills": { type: "string", default: "5" },
      seed: { type: "string" },
      dialect: { type: "string" },
      "load-ms": { type: "string", default: "100-1500" },
      quiet: { type: "boolean", default: false },
    },
    strict: true,
  });
  const count = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  const range = /^(\d+)-(\d+)$/.exec(values["load-ms"]);
  if (!range || Number(range[1]) > Number(range[2])) {
    throw new Error("--load-ms must be a range such as 100-1500");
  }
  const dialect = values.dialect;
  if (dialect !== undefined && dialect !== "sqlite" && dialect !== "postgres") {
    throw new Error("--dialect must be sqlite or postgres");
  }
  const skipPostgres = process.env.KAOPING_TEST_SKIP_POSTGRES === "1";
  return {
    kills: count("kills", values.kills),
    firstStartKills: count("first-start-kills", values["first-start-kills"]),
    seed: values.seed === undefined ? newSeed() : count("seed", values.seed) >>> 0,
    dialects: dialect ? [dialect] : skipPostgres ? ["sqlite"] : ["sqlite", "postgres"],
    loadMs: [Number(range[1]), Number(range[2])],
    quiet: values.quiet,
  };
}

/** Runs the crash run on each database in turn and prints the reports; true when all passed. */
export async function crashCommand(options: CrashCommandOptions): Promise<boolean> {
  console.log(
    `Crash run: seed ${options.seed} (replay with --seed ${options.seed}); ` +
      `${options.firstStartKills} kills during the first start, then ${options.kills} under load ` +
      `after ${options.loadMs[0]}–${options.loadMs[1]} ms each, per database`,
  );
  const reports: CrashReport[] = [];
  for (const dialect of options.dialects) {
    const report = await runCrash({
      dialect,
      seed: options.seed,
      kills: options.kills,
      firstStartKills: options.firstStartKills,
      loadMs: options.loadMs,
      log: options.quiet ? undefined : (line) => console.log(`  [${dialect}] ${line}`),
    });
    reports.push(report);
    console.log(formatReport(report));
  }
  const ok = reports.every(passed);
  console.log(ok ? "Crash run passed: nothing acknowledged was lost." : "Crash run FAILED.");
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ok = await crashCommand(parseCrashArgs(process.argv.slice(2)));
  process.exitCode = ok ? 0 : 1;
}
