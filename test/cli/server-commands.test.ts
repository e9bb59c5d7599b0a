import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kaoping, ROOT } from "./run-cli";

const PASSWORD = "Cli-Test-Pass-2025";
const dataDir = mkdtempSync(join(tmpdir(), "kaoping-cli-"));
const env = { KAOPING_DATA_DIR: dataDir, KAOPING_DEMO_PASSWORD: PASSWORD, DATABASE_URL: "" };

/** Starts `kaoping serve` on a free port and waits for its banner. */
function serve(): Promise<{ url: string; banner: string; stop(): Promise<void> }> {
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
          banner: output,
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

describe("server commands on the embedded SQLite database", () => {
  let banner = "";
  beforeAll(async () => {
    const server = await serve();
    banner = server.banner;
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "office", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    await server.stop();
  }, 60_000);

  afterAll(() => undefined);

  it("seeds the demo city at the first start and says the accounts are for the demo", () => {
    expect(banner).toContain("示例数据，仅供演示");
    expect(banner).toContain("edu-clerk");
    expect(banner).toContain("KAOPING_DEMO_PASSWORD");
  });

  it("verifies the audit chain", () => {
    const run = kaoping(["audit", "verify"], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("审计链完整");
  });

  it("exports the year as a data document that scores like the demo", () => {
    const out = join(dataDir, "export-2025.json");
    const exported = kaoping(["export", "data", "--year", "2025", "--out", out], env);
    expect(exported.status).toBe(0);
    const score = kaoping([
      "score",
      "--framework",
      "content/demo/framework.yaml",
      "--data",
      out,
      "--json",
    ]);
    expect(score.stdout).toBe(kaoping(["demo", "--json"]).stdout);
    expect(kaoping(["export", "data", "--year", "2030"], env)).toMatchObject({
      status: 1,
      stdout: "",
    });
  });

  it("writes the tables, the report, the bound volume and the province package", () => {
    const outputs = {
      xlsx: join(dataDir, "edu.xlsx"),
      docx: join(dataDir, "city.docx"),
      pdf: join(dataDir, "edu.pdf"),
      package: join(dataDir, "province.zip"),
    };
    const department = {
      xlsx: ["--department", "EDU"],
      docx: [],
      pdf: ["--department", "EDU"],
      package: [],
    };
    const magic = { xlsx: "PK", docx: "PK", pdf: "%PDF-", package: "PK" };
    for (const kind of ["xlsx", "docx", "pdf", "package"] as const) {
      const run = kaoping(
        ["export", kind, "--year", "2025", ...department[kind], "--out", outputs[kind]],
        env,
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(outputs[kind]);
      const head = readFileSync(outputs[kind]).subarray(0, magic[kind].length).toString("latin1");
      expect(head).toBe(magic[kind]);
    }
    // Long builds say what they are doing on stderr; stdout keeps the one result line.
    const volume = kaoping(
      ["export", "pdf", "--year", "2025", "--out", join(dataDir, "city.pdf")],
      env,
    );
    expect(volume.stderr).toContain("自评报告");
    expect(volume.stderr).toContain("考评表");
    expect(volume.stdout.trim().split("\n")).toHaveLength(1);
    expect(
      kaoping(["export", "package", "--year", "2025", "--department", "EDU", "--out", "x.zip"], env)
        .status,
    ).toBe(2);
    expect(
      kaoping(
        [
          "export",
          "pdf",
          "--year",
          "2025",
          "--department",
          "NOPE",
          "--out",
          join(dataDir, "x.pdf"),
        ],
        env,
      ),
    ).toMatchObject({ status: 1, stdout: "" });
    expect(kaoping(["export", "xlsx", "--year", "2025"], env).status).toBe(2);
  });

  it("imports a framework as a new version, and refuses a broken one whole", () => {
    const same = kaoping(["import", "framework", "content/demo/framework.yaml"], env);
    expect(same.stdout).toContain("已是版本 1");
    const changed = join(dataDir, "framework-v2.yaml");
    writeFileSync(
      changed,
      readFileSync(join(ROOT, "content/demo/framework.yaml"), "utf8").replace(
        "target: 0.95",
        "target: 0.96",
      ),
    );
    expect(kaoping(["import", "framework", changed], env).stdout).toContain("版本 2");
    const broken = join(dataDir, "broken.yaml");
    writeFileSync(
      broken,
      readFileSync(join(ROOT, "content/demo/framework.yaml"), "utf8").replace(
        "formula: PRIMARY_ENROLLED / PRIMARY_AGE_POP * 100",
        "formula: PRIMARY_ENROLLED / NOPE_X",
      ),
    );
    const refused = kaoping(["import", "framework", broken], env);
    expect(refused).toMatchObject({ status: 1, stdout: "" });
    expect(refused.stderr).toContain("indicators[EDU01].formula");
  });

  it("adds, disables and resets accounts, enforcing the password policy", () => {
    expect(
      kaoping(
        [
          "users",
          "add",
          "wang.li",
          "--role",
          "dept_clerk",
          "--department",
          "EDU",
          "--password",
          "Strong-Pass-2025",
        ],
        env,
      ),
    ).toMatchObject({ status: 0 });
    const weak = kaoping(
      ["users", "add", "zhao", "--role", "office", "--password", "password1"],
      env,
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("密码至少 10 个字符");
    expect(
      kaoping(
        ["users", "add", "wang.li", "--role", "office", "--password", "Strong-Pass-2025"],
        env,
      ).stderr,
    ).toContain("已存在");
    expect(kaoping(["users", "disable", "wang.li"], env).stdout).toContain("已停用");
    const reset = kaoping(["users", "reset-password", "edu-clerk"], env);
    expect(reset.stdout).toMatch(/初始密码（只显示这一次）：Kp-/);
  });

  it("names the first tampered audit row and exits 4", () => {
    const db = new Database(join(dataDir, "kaoping.sqlite"));
    db.prepare("update audit_log set after = '{\"forged\":true}' where seq = 3").run();
    db.close();
    const run = kaoping(["audit", "verify"], env);
    expect(run.status).toBe(4);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("第 3 条");
  });
});
