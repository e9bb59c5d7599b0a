import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GENERATED_DEPARTMENT,
  generateFramework,
  type GeneratedFramework,
} from "./generated-framework";
import { startServer, type E2eServer } from "./server";

/** The year the generated framework is opened for (the only year on its server). */
export const GENERATED_YEAR = 2026;

export const GENERATED_ADMIN = { username: "e2e-admin", password: "Speed-Test-Key-2026!" };
export const GENERATED_CLERK = { username: "gen-clerk", password: "Grid-Typing-Key-2026!" };

/** A signed-in API client over plain HTTP (session cookie and CSRF token). */
async function signIn(baseUrl: string, account: { username: string; password: string }) {
  const reply = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(account),
  });
  if (!reply.ok)
    throw new Error(`sign-in of ${account.username}: ${reply.status} ${await reply.text()}`);
  const { csrfToken } = (await reply.json()) as { csrfToken: string };
  const cookie = reply.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.startsWith("kaoping_session="));
  if (!cookie) throw new Error("the sign-in set no session cookie");
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Cookie: cookie,
        "X-CSRF-Token": csrfToken,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
}

export interface GeneratedServer {
  server: E2eServer;
  framework: GeneratedFramework;
  /** Saves a figure as the generated department's clerk (through the API). */
  saveAsClerk(element: string, region: string, value: number): Promise<void>;
}

/**
 * A server of its own for the generated framework: the framework imported and two
 * accounts added with the `kaoping` command before the first start (so the demo city
 * is not seeded: accounts exist), then the year opened through the API by the admin.
 */
export async function startGeneratedServer(
  options: { productionWeb?: boolean } = {},
): Promise<GeneratedServer> {
  const framework = generateFramework();
  const scratch = mkdtempSync(join(tmpdir(), "kaoping-e2e-framework-"));
  const file = join(scratch, "generated-framework.json");
  writeFileSync(file, JSON.stringify(framework.document, null, 2));
  const run = (kaoping: E2eServer["kaoping"], args: string[]) => {
    const result = kaoping(args);
    if (result.status !== 0) {
      throw new Error(`kaoping ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
    }
  };
  let server: E2eServer;
  try {
    server = await startServer({
      ...options,
      prepare: (kaoping) => {
        run(kaoping, ["import", "framework", file]);
        run(kaoping, [
          "users",
          "add",
          GENERATED_ADMIN.username,
          "--role",
          "admin",
          "--password",
          GENERATED_ADMIN.password,
        ]);
        run(kaoping, [
          "users",
          "add",
          GENERATED_CLERK.username,
          "--role",
          "dept_clerk",
          "--department",
          GENERATED_DEPARTMENT,
          "--name",
          "生成部门联络员",
          "--password",
          GENERATED_CLERK.password,
        ]);
      },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  try {
    const admin = await signIn(server.baseUrl, GENERATED_ADMIN);
    const { frameworks } = await admin<{ frameworks: { id: string; code: string }[] }>(
      "GET",
      "/api/frameworks",
    );
    const imported = frameworks.find((entry) => entry.code === framework.document.code);
    if (!imported) throw new Error("the generated framework was not imported");
    await admin("POST", "/api/cycles", {
      year: GENERATED_YEAR,
      frameworkId: imported.id,
      regions: framework.regions,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const clerk = await signIn(server.baseUrl, GENERATED_CLERK);
  const versions = new Map<string, number>();
  return {
    server,
    framework,
    async saveAsClerk(element, region, value) {
      const key = `${element}|${region}`;
      const saved = await clerk<{ version: number }>(
        "PUT",
        `/api/cycles/${GENERATED_YEAR}/values/${element}/${region}`,
        { value, version: versions.get(key) ?? 0 },
      );
      versions.set(key, saved.version);
    },
  };
}
