import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CrashDatabase } from "./crash-database";

/** The checkout's root: the command runs from there, as `npm start` would. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The demo accounts' password in crash runs. */
export const CRASH_PASSWORD = "Crash-Pass-2025!";

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the port once the server listens (its banner names it). */
  ready: Promise<number>;
  /** Whether the banner had been printed. */
  isReady(): boolean;
  /** SIGKILL: no shutdown hook runs, nothing is flushed; resolves once the process is gone. */
  kill(): Promise<void>;
  output(): string;
}

/** The environment of `kaoping serve` for a crash run (the same at every restart). */
export function serverEnvironment(database: CrashDatabase): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("KAOPING_")),
  );
  return {
    ...inherited,
    KAOPING_DATA_DIR: database.dataDir,
    KAOPING_DEMO_PASSWORD: CRASH_PASSWORD,
    DATABASE_URL: database.databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
  };
}

/**
 * Starts `kaoping serve` (the bundle `entry`, see bundle-snapshot.ts) on the run's data
 * directory and database.
 */
export function startServerProcess(entry: string, database: CrashDatabase): ServerProcess {
  const child = spawn(process.execPath, [entry, "serve"], {
    cwd: ROOT,
    env: serverEnvironment(database),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let ready = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const readyPort = new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match && !ready) {
        ready = true;
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code, signal) => {
      if (!ready)
        reject(new Error(`the server exited before listening (${signal ?? code}):\n${output}`));
    });
  });
  // Whoever does not wait for readiness (a kill during the start) must not see a rejection.
  readyPort.catch(() => undefined);
  return {
    child,
    ready: readyPort,
    isReady: () => ready,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** `kaoping <args>` on the run's data directory and database; resolves with its exit and output. */
export function runKaoping(
  entry: string,
  database: CrashDatabase,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: ROOT,
    env: serverEnvironment(database),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}
