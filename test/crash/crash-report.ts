import type { Dialect } from "../../src/server/db/connect";
import type { AckKind } from "./ledger";

/** What one crash run on one database found; printed by formatReport. */
export interface CrashReport {
  dialect: Dialect;
  seed: number;
  firstStartKills: number;
  loadKills: number;
  acknowledged: Record<AckKind, number>;
  sessionsChecked: number;
  sessionsExpiredByPolicy: number;
  /** Acknowledged writes (and sessions) not found after a restart: must be empty. */
  lost: string[];
  /** Restarts after which `kaoping audit verify` did not say the chain is intact. */
  brokenChains: string[];
  /** Restarts after which the database's own checks failed. */
  failedIntegrityChecks: string[];
  /** What the first start left: half a seed, missing accounts, another score. */
  seedProblems: string[];
  seededAccounts: number;
  seededScore: number | undefined;
  expectedScore: number;
  /** Answers no correct server gives (500s, refusals of valid requests), failures before a kill. */
  unexpected: string[];
  /** The first start, measured on a scratch database. */
  firstStart: FirstStartTiming;
  ms: number;
}

export interface FirstStartTiming {
  /** From spawn to the seed's commit (every demo account visible to another connection). */
  seededMs: number;
  /** From spawn to listening. */
  readyMs: number;
}

/** A report with nothing counted yet. */
export function emptyReport(
  dialect: Dialect,
  seed: number,
  acknowledged: Record<AckKind, number>,
  expectedScore: number,
): CrashReport {
  return {
    dialect,
    seed,
    firstStartKills: 0,
    loadKills: 0,
    acknowledged,
    sessionsChecked: 0,
    sessionsExpiredByPolicy: 0,
    lost: [],
    brokenChains: [],
    failedIntegrityChecks: [],
    seedProblems: [],
    seededAccounts: 0,
    seededScore: undefined,
    expectedScore,
    unexpected: [],
    firstStart: { seededMs: 0, readyMs: 0 },
    ms: 0,
  };
}

/** Failures of every kind so far (lost, broken chains, failed integrity checks). */
export const failureCount = (report: CrashReport): number =>
  report.lost.length + report.brokenChains.length + report.failedIntegrityChecks.length;

/** Whether the run found nothing wrong. */
export function passed(report: CrashReport): boolean {
  return (
    report.lost.length === 0 &&
    report.brokenChains.length === 0 &&
    report.failedIntegrityChecks.length === 0 &&
    report.seedProblems.length === 0 &&
    report.unexpected.length === 0
  );
}

const firstFew = (entries: string[]) =>
  entries
    .slice(0, 10)
    .map((entry) => `      ${entry}`)
    .concat(entries.length > 10 ? [`      … and ${entries.length - 10} more`] : []);

/** The report as printed by `npm run crash` and the benchmark. */
export function formatReport(report: CrashReport): string {
  const a = report.acknowledged;
  const total = a.figures + a.work + a.uploads + a.logins;
  const lines = [
    `${report.dialect}: seed ${report.seed}`,
    `  kills                      ${report.firstStartKills + report.loadKills} ` +
      `(${report.firstStartKills} during the first start, ${report.loadKills} under load)`,
    `  first start                seeded after ${report.firstStart.seededMs.toFixed(0)} ms, ` +
      `listening after ${report.firstStart.readyMs.toFixed(0)} ms (measured on a scratch database)`,
    `  acknowledged writes        ${total}: figures ${a.figures}, work answers ${a.work}, ` +
      `uploads ${a.uploads}, sign-ins ${a.logins}`,
    `  sessions checked           ${report.sessionsChecked} (${report.sessionsExpiredByPolicy} expired by policy)`,
    `  lost                       ${report.lost.length}`,
    ...firstFew(report.lost),
    `  broken chains              ${report.brokenChains.length}`,
    ...firstFew(report.brokenChains),
    `  failed integrity checks    ${report.failedIntegrityChecks.length}`,
    ...firstFew(report.failedIntegrityChecks),
    `  seed                       ${report.seededAccounts} demo accounts; ${report.seededScore ?? "no"} score ` +
      `(demo: ${report.expectedScore})${report.seedProblems.length > 0 ? "; PROBLEMS:" : ""}`,
    ...firstFew(report.seedProblems),
    `  unexpected answers         ${report.unexpected.length}`,
    ...firstFew(report.unexpected),
    `  time                       ${(report.ms / 1000).toFixed(1)} s`,
  ];
  return lines.join("\n");
}
