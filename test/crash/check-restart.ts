import { SESSION_IDLE_MS } from "../../src/server/auth/session-policy";
import { checkIntegrity, readStoredState, type CrashDatabase } from "./crash-database";
import type { CrashReport } from "./crash-report";
import type { DemoCity } from "./demo-city";
import { endpoint, send } from "./http";
import { findLostWrites, type Ledger } from "./ledger";
import { runKaoping } from "./server-process";

/** Everything checked after a restart, before the clients write again. */
export async function checkAfterRestart(
  entry: string,
  database: CrashDatabase,
  city: DemoCity,
  ledger: Ledger,
  port: number,
  report: CrashReport,
  reported: Set<string>,
  label: string,
) {
  for (const problem of await checkIntegrity(database)) {
    report.failedIntegrityChecks.push(`${label}: ${problem}`);
  }
  // A write lost once stays lost: name it at the first restart that misses it only.
  for (const lost of findLostWrites(ledger, await readStoredState(database, city.year))) {
    if (reported.has(lost)) continue;
    reported.add(lost);
    report.lost.push(`${label}: ${lost}`);
  }

  const target = endpoint(port);
  try {
    for (const login of ledger.pendingLogins) {
      report.sessionsChecked++;
      const me = await send(target, "GET", "/api/me", undefined, { cookie: login.cookie });
      const user =
        me.status === 200 ? (JSON.parse(me.body) as { user: { username: string } }) : undefined;
      if (user?.user.username === login.username) continue;
      if (Date.now() - login.at > SESSION_IDLE_MS) {
        report.sessionsExpiredByPolicy++;
        continue;
      }
      report.lost.push(
        `${label}: the session of ${login.username}'s sign-in no longer works (${me.status})`,
      );
    }
    ledger.pendingLogins = [];
  } finally {
    target.agent.destroy();
  }

  const verify = await runKaoping(entry, database, ["audit", "verify"]);
  if (verify.status !== 0 || !verify.stdout.includes("审计链完整")) {
    report.brokenChains.push(
      `${label}: exit ${verify.status} ${verify.stdout}${verify.stderr}`.trim(),
    );
  }
}
