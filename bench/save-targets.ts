/**
 * The servers and clients of the save benchmarks (save-bench.ts, save-durability.ts):
 * each server in a child process of its own (save-server.ts), 64 workers each signed
 * in on its own, saving figures no other worker saves.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  keepAliveAgent,
  mergeResults,
  percentile,
  runLoad,
  sendJson,
  type HttpTarget,
  type LoadResult,
  type Step,
} from "./save-client";
import {
  BENCH_PASSWORD,
  BENCH_YEAR,
  type BenchAccount,
  type BenchDatabase,
  type WritableKey,
} from "./save-db";
import type { ServerCpu, ServerReady, ServerSpec } from "./save-server";

export const WORKERS = 64;
export const WARMUP = 200;
export const MEASURED = 3000;
/** The measured requests go in this many alternating rounds per target. */
export const ROUNDS = 5;
/** Warm-up and measured requests of one target together stop after this much of its time. */
export const CAP_MS = 20_000;
const KEYS_PER_WORKER = 4;
/** The paced run: every worker saves once per interval, like a clerk moving field to field. */
export const PACED_INTERVAL_MS = 250;
export const PACED_REQUESTS = 1280;

export interface WorkerPlan {
  username: string;
  keys: WritableKey[];
}

/**
 * Worker i signs in as department account i mod n (its own session) and gets up to
 * KEYS_PER_WORKER figures its department may write, none shared with another worker,
 * so no two workers ever save the same figure.
 */
export function planWorkers(accounts: BenchAccount[]): WorkerPlan[] {
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

/** A fresh value for a figure, inside its element's bounds (a rate has at most 100). */
function valueFor(key: WritableKey): number {
  const value = nextValue++;
  const low = key.min ?? 0;
  if (key.max === undefined) return low + value;
  return low + (value % Math.max(1, Math.floor(key.max - low) + 1));
}

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
        { value: valueFor(key), version: key.version },
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
        value: valueFor(key),
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

export interface TargetRun {
  result: LoadResult;
  /** Server process CPU time per measured request, in milliseconds. */
  cpuPerRequestMs: number;
  /** PostgreSQL connections the server held at the end of the run. */
  connections?: number;
}

/** One server under load: its workers, and what its measured rounds added up to. */
export interface Target {
  server: RunningServer;
  http: HttpTarget;
  steps: Step[];
  /** What is left of this target's time budget (warm-up and all its rounds). */
  budgetLeftMs: number;
  rounds: LoadResult[];
  cpuMs: number;
}

export async function openTarget(
  kind: "real" | "bare",
  database: BenchDatabase,
  plans: WorkerPlan[],
  spec: Partial<ServerSpec> = {},
): Promise<Target> {
  const server = await startServer({
    kind,
    env: database.env,
    cycleId: database.cycleId,
    ...spec,
  });
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
export async function drive(target: Target, total: number, measured: boolean): Promise<void> {
  const started = performance.now();
  const cpuBefore = measured ? await target.server.cpuMs() : 0;
  const result = await runLoad(target.steps, total, started + target.budgetLeftMs);
  if (measured) {
    target.cpuMs += (await target.server.cpuMs()) - cpuBefore;
    target.rounds.push(result);
  }
  target.budgetLeftMs -= performance.now() - started;
}

export async function closeTarget(target: Target): Promise<void> {
  target.http.agent.destroy();
  await target.server.close();
}

export const summarize = (target: Target, connections?: number): TargetRun => {
  const result = mergeResults(target.rounds);
  return { result, cpuPerRequestMs: target.cpuMs / result.completed, connections };
};

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function describe(run: TargetRun): string {
  const { result } = run;
  const parts = [`p50 ${ms(percentile(result.latencies, 50))}`];
  parts.push(`p99 ${ms(percentile(result.latencies, 99))}`);
  parts.push(`server CPU ${run.cpuPerRequestMs.toFixed(2)} ms/request`);
  parts.push(`${result.completed} requests`);
  if (result.errors > 0) parts.push(`${result.errors} errors (first: ${result.firstError})`);
  if (result.capped) parts.push(`stopped at its ${CAP_MS / 1000} s cap`);
  return parts.join(", ");
}
