import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kaoping, ROOT, type CliRun } from "./run-cli";

const PASSWORD = "Cli-Test-Pass-2025";
const root = mkdtempSync(join(tmpdir(), "kaoping-cli-backup-"));
const source = join(root, "source");
const env = { KAOPING_DATA_DIR: source, KAOPING_DEMO_PASSWORD: PASSWORD, DATABASE_URL: "" };
const archive = join(root, "kaoping.zip");

/** Runs `kaoping` without blocking, so the server and the writes go on meanwhile. */
function kaopingAsync(args: string[], extra: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, ["bin/kaoping.mjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, KAOPING_LANG: "", ...extra },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on("exit", (status) => resolve({ status, stdout, stderr })),
  );
}

/** Starts `kaoping serve` on a free port and waits for its banner. */
function serve(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["bin/kaoping.mjs", "serve", "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 30_000);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match && output.includes("\n")) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${match[1]}`,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
  });
}

async function signIn(url: string, username: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login as ${username}: ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (path: string, method: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        "x-csrf-token": csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/** Changes one bit of one byte, as a damaged disk or a careless edit would. */
const flipByte = (bytes: Buffer, at: number) => bytes.writeUInt8(bytes.readUInt8(at) ^ 1, at);

const headIn = (text: string) => Number(/(?:head at seq|链尾第) (\d+)/.exec(text)?.[1]);

describe("kaoping backup and restore, with the server running", () => {
  let backup: CliRun;
  let laterCheckpoints = 0;

  beforeAll(async () => {
    const server = await serve();
    try {
      const clerk = await signIn(server.url, "edu-clerk");
      const office = await signIn(server.url, "office");
      const figure = "/api/cycles/2025/values/PRIMARY_ENROLLED/HC";
      // The demo's figures are at version 1.
      let version = 1;
      let backupDone = false;
      let firstWrites!: () => void;
      const started = new Promise<void>((resolve) => (firstWrites = resolve));
      const writer = (async () => {
        // Figures and checkpoints keep coming until three rounds after the backup ends.
        for (let i = 1, after = 0; after < 3; i++) {
          if (backupDone) after++;
          const saved = await clerk(figure, "PUT", { value: 130_000 + i, version });
          expect(saved.status).toBe(200);
          version = ((await saved.json()) as { version: number }).version;
          expect((await office("/api/audit/checkpoints", "POST")).status).toBeLessThan(300);
          if (i === 3) firstWrites();
        }
      })();
      await started;
      backup = await kaopingAsync(["backup", "--out", archive, "--lang", "en"], env);
      backupDone = true;
      await writer;
    } finally {
      await server.stop();
    }
    const head = headIn(backup.stdout);
    laterCheckpoints = readFileSync(join(source, "audit-checkpoints.jsonl"), "utf8")
      .trim()
      .split("\n")
      .filter((line) => (JSON.parse(line) as { seq: number }).seq > head).length;
  }, 90_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes one archive, readable by its owner only, and says what is in it in English", () => {
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`backup written to ${archive}`);
    expect(backup.stdout).toMatch(/^\s+users\s+\d+$/m);
    expect(backup.stdout).toMatch(/evidence: \d+ file\(s\)/);
    expect(backup.stdout).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(backup.stdout).toContain("keep it like a password");
    expect(statSync(archive).mode & 0o777).toBe(0o600);
  });

  it("restores into an empty data directory a chain that verifies and ends at the snapshot's head", () => {
    const head = headIn(backup.stdout);
    // The server wrote checkpoints after the snapshot; the backup must have left them out.
    expect(laterCheckpoints).toBeGreaterThan(0);
    const target = join(root, "restored");
    const restored = kaoping(["restore", archive], { KAOPING_DATA_DIR: target, DATABASE_URL: "" });
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain("已从备份恢复到 SQLite");
    expect(headIn(restored.stdout)).toBe(head);
    expect(restored.stdout).toContain(/SHA-256 ([0-9a-f]{64})/.exec(backup.stdout)![1]);
    expect(statSync(join(target, "secret.key")).mode & 0o777).toBe(0o600);
    const verify = kaoping(["audit", "verify"], { KAOPING_DATA_DIR: target, DATABASE_URL: "" });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(`审计链完整，共 ${head} 条记录`);

    const again = kaoping(["restore", archive], { KAOPING_DATA_DIR: target, DATABASE_URL: "" });
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("恢复的目标不是空的");
  });

  it("refuses a damaged archive naming the member, and leaves no data directory", () => {
    const bytes = readFileSync(archive);
    const key = readFileSync(join(source, "secret.key"));
    flipByte(bytes, bytes.indexOf(key) + 5);
    const damaged = join(root, "damaged.zip");
    writeFileSync(damaged, bytes);
    const target = join(root, "not-restored");
    const run = kaoping(["restore", damaged, "--lang", "en"], {
      KAOPING_DATA_DIR: target,
      DATABASE_URL: "",
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/secret\.key|manifest\.json/);
    expect(existsSync(target)).toBe(false);
  });

  it("explains its usage", () => {
    expect(kaoping(["backup"], env)).toMatchObject({ status: 2, stdout: "" });
    expect(kaoping(["restore"], env).stderr).toContain("kaoping restore 备份文件");
    expect(kaoping(["backup", "--out", archive], env).stderr).toContain("已存在");
  });
});
