/**
 * Refused sign-ins must take as long as each other, whatever the reason, or the time of
 * the answer tells an attacker which names are accounts and which are locked. This runs
 * the real app (argon2id at production cost, SQLite) and times, round by round in
 * rotating order, a sign-in with an unknown name, a wrong password, the right password
 * of a disabled account and the right password of a locked one. It prints the median
 * and p95 of each as ratios to the wrong-password case, measured in the same run.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock } from "../src/server/clock";
import { composeFromEnvironment } from "../src/server/compose";
import { buildApp } from "../src/server/http/app";
import { addUser, disableUser } from "../src/server/users/manage-users";
import { line } from "./measure";

const ROUNDS = 40;
const PASSWORD = "Bench-Pass-2025!";
const WRONG = "Wrong-Pass-2025!";

interface Case {
  name: string;
  username: string;
  password: string;
}

const CASES: Case[] = [
  { name: "wrong password", username: "bench-wrong", password: WRONG },
  { name: "unknown user", username: "bench-nobody", password: WRONG },
  { name: "disabled account, right password", username: "bench-disabled", password: PASSWORD },
  { name: "locked account, right password", username: "bench-locked", password: PASSWORD },
];

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function loginTimingBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-login-bench-"));
  const clock = manualClock(new Date());
  const { db, deps } = await composeFromEnvironment(
    { KAOPING_DATA_DIR: dataDir, KAOPING_SECRET_KEY: randomBytes(32).toString("hex") },
    { clock },
  );
  let address = 0;
  const from = () => {
    address++;
    return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
  };
  try {
    for (const username of ["bench-wrong", "bench-disabled", "bench-locked"]) {
      await addUser(deps, "bench", { username, password: PASSWORD, role: "leader" });
    }
    await disableUser(deps, "bench", "bench-disabled");
    const app = await buildApp(deps);
    const attempt = async (username: string, password: string) => {
      const start = performance.now();
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password },
        remoteAddress: from(),
      });
      const ms = performance.now() - start;
      if (response.statusCode !== 401) {
        throw new Error(`${username}: expected 401, got ${response.statusCode} ${response.body}`);
      }
      return ms;
    };

    const times = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
    for (let round = -2; round < ROUNDS; round++) {
      // A new window each round: the locked account is locked afresh, limits start again.
      clock.advance(16 * 60_000);
      for (let i = 0; i < 5; i++) await attempt("bench-locked", WRONG);
      for (let k = 0; k < CASES.length; k++) {
        const c = CASES[(k + Math.max(round, 0)) % CASES.length]!;
        const ms = await attempt(c.username, c.password);
        if (round >= 0) times.get(c.name)!.push(ms);
      }
    }
    await app.close();

    const stats = new Map(
      [...times].map(([name, samples]) => {
        const sorted = [...samples].sort((a, b) => a - b);
        return [name, { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) }];
      }),
    );
    const base = stats.get("wrong password")!;
    console.log("");
    console.log(
      `Refused sign-ins, argon2id at production cost, SQLite (${ROUNDS} rounds, rotating order)`,
    );
    for (const c of CASES) {
      const { median, p95 } = stats.get(c.name)!;
      console.log(
        line(
          c.name,
          `${median.toFixed(1)} ms`,
          `median ${(median / base.median).toFixed(2)}×, p95 ${p95.toFixed(1)} ms = ${(p95 / base.p95).toFixed(2)}× of wrong password`,
        ),
      );
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await loginTimingBench();
