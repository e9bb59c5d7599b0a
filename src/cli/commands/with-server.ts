import { userInfo } from "node:os";

/**
 * How server commands reach the server's database (`DATABASE_URL`, else SQLite under
 * `KAOPING_DATA_DIR`) with the same parts the server composes, and who they act as.
 */
export type Env = Record<string, string | undefined>;

export async function withServer<T>(
  env: Env,
  work: (
    composed: Awaited<ReturnType<typeof import("../../server/compose").composeFromEnvironment>>,
  ) => Promise<T>,
): Promise<T> {
  const { composeFromEnvironment } = await import("../../server/compose");
  const composed = await composeFromEnvironment(env);
  try {
    return await work(composed);
  } finally {
    await composed.db.close();
  }
}

/** The operator at the server's console acts with full rights, recorded under their OS name. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

export const operator = () => ({
  id: "cli",
  username: cliActor(),
  displayName: "命令行",
  role: "admin" as const,
  departmentCode: null,
});
