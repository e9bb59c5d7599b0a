import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/kaoping.mjs` as a user would, in a separate process. */
export function kaoping(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, ["bin/kaoping.mjs", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, KAOPING_LANG: "", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
