import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { demoFiles } from "../../src/platform/package-files";
import type { Dialect } from "../../src/server/db/connect";
import { createCrashDatabase, readSeedState, type CrashDatabase } from "./crash-database";
import type { CrashReport, FirstStartTiming } from "./crash-report";
import type { DemoCity } from "./demo-city";
import { endpoint, json, send, sessionCookie } from "./http";
import type { Ledger } from "./ledger";
import type { Random } from "./random";
import { CRASH_PASSWORD, startServerProcess } from "./server-process";

/**
 * The very first start of the server seeds the demo city. Killed at any moment before
 * it listens, it must leave either nothing (the next start seeds in full) or the whole
 * seed — never a year without some of its accounts.
 */

/**
 * Polls until every demo account is visible to another connection (a table missing or
 * a file not yet there counts as not yet): the seed's commit, or the last of its steps.
 */
async function watchSeedCommit(
  database: CrashDatabase,
  accounts: number,
  started: number,
  done: () => boolean,
) {
  const file = join(database.dataDir, "kaoping.sqlite");
  while (!done()) {
    if (database.dialect === "postgres" || (existsSync(file) && statSync(file).size > 0)) {
      const { db, close } = database.open();
      try {
        while (!done()) {
          try {
            const row = await db
              .selectFrom("users")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow();
            if (Number(row.n) >= accounts) return performance.now() - started;
          } catch {
            // not migrated yet
          }
          await sleep(3);
        }
      } finally {
        await close();
      }
    }
    await sleep(3);
  }
  return undefined;
}

/**
 * The first start's timing, measured on a database of its own: when the seed commits
 * and when the server listens. The seeding transaction is short (tens of milliseconds
 * after the passwords are hashed), so half the first-start kills aim just before its
 * commit; the other half fall anywhere in the start.
 */
export async function measureFirstStart(
  entry: string,
  dialect: Dialect,
  city: DemoCity,
): Promise<FirstStartTiming> {
  const scratch = await createCrashDatabase(dialect);
  try {
    const started = performance.now();
    const server = startServerProcess(entry, scratch);
    const seeded = watchSeedCommit(
      scratch,
      city.accounts.length,
      started,
      () => server.child.exitCode !== null,
    );
    await server.ready;
    const readyMs = performance.now() - started;
    const seededMs = (await Promise.race([seeded, sleep(1000).then(() => undefined)])) ?? readyMs;
    await server.kill();
    await seeded;
    return { seededMs, readyMs };
  } finally {
    await scratch.drop();
  }
}

async function seedOutcome(database: CrashDatabase, city: DemoCity) {
  const state = await readSeedState(database);
  const expected = city.accounts.map((account) => account.username).sort();
  // Sorted here: PostgreSQL's collation may order "-" and "_" otherwise.
  // The seed holds the demo year and the earlier (closed) years to compare with.
  const years = 1 + demoFiles().earlierData.length;
  const complete = state.cycles === years && [...state.usernames].sort().join() === expected.join();
  const empty = state.usernames.length === 0 && state.cycles === 0 && state.frameworks === 0;
  return { state, complete, empty, expected };
}

export interface FirstStartKills {
  entry: string;
  dialect: Dialect;
  city: DemoCity;
  random: Random;
  report: CrashReport;
  log: (line: string) => void;
  /** How many first starts to kill. */
  count: number;
  /** The database the run goes on with (replaced when a kill came after the seed's commit). */
  database: CrashDatabase;
}

/**
 * Kills first starts until `count` were killed before they listened, checking after
 * each that the seed is all or nothing. Half the kills aim just before the seed's
 * commit, the others fall anywhere in the start. Starts run faster or slower than the
 * measured one as the machine's load changes: a start that listened before its kill
 * moves the estimates to its own timing, one killed after the seed's commit moves the
 * aim earlier, and either way the run goes on with a fresh database.
 */
export async function killFirstStarts(run: FirstStartKills): Promise<void> {
  const { report, random } = run;
  const commitToListen = Math.max(0, report.firstStart.readyMs - report.firstStart.seededMs);
  let aim = report.firstStart.seededMs;
  let ready = report.firstStart.readyMs;
  for (let attempt = 1; report.firstStartKills < run.count; attempt++) {
    if (attempt > run.count * 4) {
      report.seedProblems.push(
        `only ${report.firstStartKills} of ${attempt - 1} first starts were killed before they listened`,
      );
      return;
    }
    const aimed = report.firstStartKills % 2 === 0;
    const delay = aimed
      ? random.int(Math.max(0, Math.round(aim) - 250), Math.max(0, Math.round(aim) - 5))
      : random.int(Math.round(ready * 0.2), Math.round(ready));
    const spawned = performance.now();
    const starting = startServerProcess(run.entry, run.database);
    const listening = starting.ready.then(
      () => performance.now() - spawned,
      () => undefined,
    );
    await Promise.race([sleep(delay), listening]);
    const listenedAfter = starting.isReady() ? await listening : undefined;
    await starting.kill();
    if (listenedAfter === undefined) report.firstStartKills++;
    else {
      aim = Math.min(aim, listenedAfter - commitToListen);
      ready = Math.min(ready, listenedAfter);
    }
    const outcome = await seedOutcome(run.database, run.city);
    run.log(
      `first start ${attempt}, ${aimed ? "aimed at the seed's commit" : "anywhere"}: ` +
        (listenedAfter === undefined
          ? `killed at ${delay} ms: `
          : `listening after ${listenedAfter.toFixed(0)} ms, before its kill at ${delay} ms: `) +
        (outcome.empty ? "nothing seeded" : outcome.complete ? "seeded in full" : "HALF SEEDED"),
    );
    if (!outcome.empty && !outcome.complete) {
      report.seedProblems.push(
        `first start ${attempt}, killed at ${delay} ms, left ${outcome.state.usernames.length} ` +
          `of ${outcome.expected.length} accounts and ${outcome.state.cycles} year(s)`,
      );
      return;
    }
    if (outcome.complete && report.firstStartKills < run.count) {
      // The seed had committed before the kill: aim earlier, and go on with a fresh
      // database (the next start on this one would not be a first start).
      if (listenedAfter === undefined) aim = Math.min(aim, delay);
      await run.database.drop();
      run.database = await createCrashDatabase(run.dialect);
    }
  }
}

/** After the first successful start: every demo account, and the year scores as the demo does. */
export async function checkSeed(
  database: CrashDatabase,
  city: DemoCity,
  port: number,
  report: CrashReport,
  ledger: Ledger,
) {
  const { state, complete, expected } = await seedOutcome(database, city);
  report.seededAccounts = state.usernames.length;
  if (!complete) {
    const missing = expected.filter((name) => !state.usernames.includes(name));
    report.seedProblems.push(
      `after the first start: ${state.cycles} year(s), ${state.usernames.length} of ` +
        `${expected.length} demo accounts` +
        (missing.length > 0 ? ` (missing ${missing.slice(0, 5).join(", ")}…)` : ""),
    );
  }
  const target = endpoint(port);
  try {
    const login = await send(
      target,
      "POST",
      "/api/auth/login",
      json({ username: "office", password: CRASH_PASSWORD }),
    );
    const cookie = sessionCookie(login);
    if (login.status !== 200 || !cookie) {
      report.seedProblems.push(
        `office cannot sign in: ${login.status} ${login.body.slice(0, 200)}`,
      );
      return;
    }
    ledger.login({ username: "office", cookie, at: Date.now() });
    const score = await send(target, "GET", `/api/cycles/${city.year}/score`, undefined, {
      cookie,
    });
    if (score.status !== 200) {
      report.seedProblems.push(
        `the ${city.year} score: ${score.status} ${score.body.slice(0, 200)}`,
      );
      return;
    }
    report.seededScore = (JSON.parse(score.body) as { score: number }).score;
    if (report.seededScore !== city.expectedScore) {
      report.seedProblems.push(
        `the ${city.year} score is ${report.seededScore}, the demo's is ${city.expectedScore}`,
      );
    }
  } finally {
    target.agent.destroy();
  }
}
