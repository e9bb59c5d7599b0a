/**
 * Save throughput: 64 concurrent clerks saving figures through
 * `PUT /api/cycles/:year/values/:element/:region` over loopback HTTP, beside a bare
 * Fastify route doing one upsert of the same table on the same kind of database,
 * measured in the same run — for SQLite (a WAL file) and PostgreSQL.
 * Goal: the real route reaches at least 50 % of the bare route's throughput, p99 < 50 ms.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Dialect } from "../src/server/db/connect";
import { line } from "./measure";
import {
  keepAliveAgent,
  mergeResults,
  percentile,
  runLoad,
  sendJson,
  throughput,
  type HttpTarget,
  type LoadResult,
  type Step,
} from "./save-client";
import {
  BENCH_PASSWORD,
  BENCH_YEAR,
  connectionsTo,
  createBenchDatabase,
  type BenchAccount,
  type BenchDatabase,
  type WritableKey,
} from "./save-db";
import type { ServerCpu, ServerReady, ServerSpec } from "./save-server";

const WORKERS = 64;
const WARMUP = 200;
const MEASURED = 3000;
/** The measured requests go in this many alternating rounds per target. */
const ROUNDS = 5;
/** Warm-up and measured requests of one target together stop after this much of its time. */
const CAP_MS = 20_000;
const KEYS_PER_WORKER = 4;
const THROUGHPUT_GOAL = 0.5;
/** The paced run: every worker saves once per interval, like a clerk moving field to field. */
const PACED_INTERVAL_MS = 250;
const PACED_REQUESTS = 1280;
const P99_GOAL_MS = 50;

interface WorkerPlan {
  username: string;
  keys: WritableKey[];
}

/**
 * Worker i signs in as department account i mod n (its own session) and gets up to
 * KEYS_PER_WORKER figures its department may write, none shared with another worker,
 * so no two workers ever save the same figure.
 */
function planWorkers(accounts: BenchAccount[]): WorkerPlan[] {
  const plans = Array.from({ length: WORKERS }, (_, i) => ({
    account: accounts[i % accounts.length]!,
    keys: [] as WritableKey[],
  }));
  const taken = new Set<string>();
  for (let round = 0; round < KEYS_PER_WORKER; round++) {
    for (const plan of plans) {
      const free = plan.account.keys.find((key) => !taken.has(`${key.element}/${key.region}`));
      if (!free) continue;
      taken.add(`${free.element}/${free.region}`);
      plan.keys.push(free);
    }
  }
  for (const plan of plans) {
    if (plan.keys.length === 0) throw new Error(`no free figure for ${plan.account.username}`);
  }
  return plans.map((plan) => ({ username: plan.account.username, keys: plan.keys }));
}

interface RunningServer {
  port: number;
  /** CPU time the server process has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

function startServer(spec: ServerSpec): Promise<RunningServer> {
  const extra = (process.env.KAOPING_BENCH_SERVER_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = fork(fileURLToPath(new URL("./save-server.ts", import.meta.url)), [], {
    execArgv: ["--import", import.meta.resolve("tsx"), ...extra],
    env: { ...process.env, KAOPING_BENCH_SERVER: JSON.stringify(spec) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cpuMs = () =>
    Promise.race([
      new Promise<number>((resolve) => {
        child.once("message", (message) => resolve((message as ServerCpu).cpuMs));
        child.send("cpu");
      }),
      exited.then(() => Promise.reject(new Error(`the ${spec.kind} server exited`))),
    ]);
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.send("close");
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.once("message", (message) =>
      resolve({ port: (message as ServerReady).port, cpuMs, close }),
    );
    child.once("exit", (code) => reject(new Error(`the ${spec.kind} server exited (${code})`)));
  });
}

async function logIn(target: HttpTarget, username: string) {
  const response = await sendJson(target, "POST", "/api/auth/login", {
    username,
    password: BENCH_PASSWORD,
  });
  if (response.status !== 200) throw new Error(`login as ${username}: ${response.status}`);
  const cookie = (response.headers["set-cookie"] ?? [])
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.startsWith("kaoping_session="));
  if (!cookie) throw new Error(`login as ${username}: no session cookie`);
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  return { cookie, csrfToken };
}

let nextValue = 1000;

/** The steps of the 64 workers against the real route, each with its own session. */
async function realSteps(target: HttpTarget, plans: WorkerPlan[]): Promise<Step[]> {
  const steps: Step[] = [];
  for (const plan of plans) {
    const session = await logIn(target, plan.username);
    const keys = plan.keys.map((key) => ({ ...key }));
    let turn = 0;
    steps.push(async () => {
      const key = keys[turn++ % keys.length]!;
      const response = await sendJson(
        target,
        "PUT",
        `/api/cycles/${BENCH_YEAR}/values/${key.element}/${key.region}`,
        { value: nextValue++, version: key.version },
        { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      );
      if (response.status === 200) {
        key.version = (JSON.parse(response.body) as { version: number }).version;
        return "ok";
      }
      if (response.status === 409) {
        const { current } = JSON.parse(response.body) as { current: { version: number } };
        key.version = current.version;
        return "conflict";
      }
      return { error: `${response.status} ${response.body.slice(0, 200)}` };
    });
  }
  return steps;
}

/** The same load against the bare route: same URLs shape, same bodies, no session. */
function bareSteps(target: HttpTarget, plans: WorkerPlan[]): Step[] {
  return plans.map((plan) => {
    const keys = plan.keys.map((key) => ({ ...key }));
    let turn = 0;
    return async () => {
      const key = keys[turn++ % keys.length]!;
      const response = await sendJson(target, "PUT", `/bare/${key.element}/${key.region}`, {
        value: nextValue++,
        version: key.version,
      });
      if (response.status !== 200) {
        return { error: `${response.status} ${response.body.slice(0, 200)}` };
      }
      key.version = (JSON.parse(response.body) as { version: number }).version;
      return "ok";
    };
  });
}

interface TargetRun {
  result: LoadResult;
  /** Server process CPU time per measured request, in milliseconds. */
  cpuPerRequestMs: number;
  /** PostgreSQL connections the server held at the end of the run. */
  connections?: number;
}

/** One server under load: its workers, and what its measured rounds added up to. */
interface Target {
  server: RunningServer;
  http: HttpTarget;
  steps: Step[];
  /** What is left of this target's time budget (warm-up and all its rounds). */
  budgetLeftMs: number;
  rounds: LoadResult[];
  cpuMs: number;
}

async function openTarget(
  kind: "real" | "bare",
  database: BenchDatabase,
  plans: WorkerPlan[],
): Promise<Target> {
  const server = await startServer({ kind, env: database.env, cycleId: database.cycleId });
  const http: HttpTarget = { port: server.port, agent: keepAliveAgent(WORKERS) };
  try {
    const steps = kind === "real" ? await realSteps(http, plans) : bareSteps(http, plans);
    return { server, http, steps, budgetLeftMs: CAP_MS, rounds: [], cpuMs: 0 };
  } catch (error) {
    http.agent.destroy();
    await server.close();
    throw error;
  }
}

/** Sends `total` requests (fewer if the target's time budget runs out). */
async function drive(target: Target, total: number, measured: boolean): Promise<void> {
  const started = performance.now();
  const cpuBefore = measured ? await target.server.cpuMs() : 0;
  const result = await runLoad(target.steps, total, started + target.budgetLeftMs);
  if (measured) {
    target.cpuMs += (await target.server.cpuMs()) - cpuBefore;
    target.rounds.push(result);
  }
  target.budgetLeftMs -= performance.now() - started;
}

async function closeTarget(target: Target): Promise<void> {
  target.http.agent.destroy();
  await target.server.close();
}

const summarize = (target: Target, connections?: number): TargetRun => {
  const result = mergeResults(target.rounds);
  return { result, cpuPerRequestMs: target.cpuMs / result.completed, connections };
};

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

const ms = (value: number) => `${value.toFixed(1)} ms`;

function describe(run: TargetRun): string {
  const { result } = run;
  const parts = [`p50 ${ms(percentile(result.latencies, 50))}`];
  parts.push(`p99 ${ms(percentile(result.latencies, 99))}`);
  parts.push(`server CPU ${run.cpuPerRequestMs.toFixed(2)} ms/request`);
  parts.push(`${result.completed} requests`);
  if (result.errors > 0) parts.push(`${result.errors} errors (first: ${result.firstError})`);
  if (result.capped) parts.push(`stopped at its ${CAP_MS / 1000} s cap`);
  return parts.join(", ");
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
}
