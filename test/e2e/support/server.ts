import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { snapshotApp, type AppSnapshot } from "./app-snapshot";
import { buildProductionWeb } from "./production-web";

/** The demo accounts' password in browser runs. */
export const DEMO_PASSWORD = "E2e-Demo-Pass-2025!";

export interface E2eServer {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  dataDir: string;
  app: AppSnapshot;
  /** `kaoping <args>` on this server's data directory (the same environment). */
  kaoping(args: string[]): { status: number | null; stdout: string; stderr: string };
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the OS picks it; the server binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function environment(dataDir: string, port: number): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("KAOPING_") && name !== "DATABASE_URL",
    ),
  );
  return {
    ...inherited,
    KAOPING_DATA_DIR: dataDir,
    KAOPING_DEMO_PASSWORD: DEMO_PASSWORD,
    // The demo accounts skip the second factor anyway; the accounts a test creates
    // (an administrator's new clerk, the generated department's clerk) are not asked
    // for it either, so the browser tests do not need an authenticator. The two-factor
    // flow itself is covered by the integration tests.
    KAOPING_REQUIRE_2FA: "0",
    KAOPING_LANG: "",
    PORT: String(port),
    HOST: "127.0.0.1",
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before it was healthy:\n${output()}`);
    }
    try {
      const reply = await fetch(`${baseUrl}/api/health`);
      if (reply.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server was not healthy within 60 s:\n${output()}`);
}

export interface StartOptions {
  /** Serve a production build of the web app (for the speed test) instead of the development one. */
  productionWeb?: boolean;
  /** Runs before the server starts, on its empty data directory (e.g. CLI imports). */
  prepare?: (cli: E2eServer["kaoping"]) => void;
}

/**
 * Starts `kaoping serve` (a private copy of the built bundle and web app, see
 * app-snapshot.ts) on a fresh data directory (SQLite) and a free port; the first start
 * seeds the illustrative demo city with DEMO_PASSWORD. Resolves once /api/health answers.
 */
export async function startServer(options: StartOptions = {}): Promise<E2eServer> {
  const app = await snapshotApp();
  if (options.productionWeb) {
    try {
      buildProductionWeb(app.root);
      app.assets = readdirSync(join(app.root, "build", "web", "assets"));
    } catch (error) {
      app.remove();
      throw error;
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), "kaoping-e2e-"));
  const port = await freePort();
  const env = environment(dataDir, port);
  const kaoping: E2eServer["kaoping"] = (args) => {
    const result = spawnSync(process.execPath, [app.entry, ...args], {
      cwd: app.root,
      encoding: "utf8",
      env,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const cleanUp = () => {
    rmSync(dataDir, { recursive: true, force: true });
    app.remove();
  };
  try {
    options.prepare?.(kaoping);
  } catch (error) {
    cleanUp();
    throw error;
  }
  const child = spawn(process.execPath, [app.entry, "serve"], {
    cwd: app.root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    cleanUp();
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, app, kaoping, output: () => output, stop };
}
