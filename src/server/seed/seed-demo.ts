import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadFramework, parseDocumentText, type DataDoc } from "../../core";
import { passwordProblems } from "../auth/password-policy";
import type { UseCaseDeps } from "../context";
import { createCycle } from "../cycles/create-cycle";
import { importFramework } from "../frameworks/import-framework";
import { addUser } from "../users/manage-users";
import type { Role } from "../db/schema";

export const SEED_ACTOR = "system:seed";

export interface DemoSeedResult {
  seeded: boolean;
  /** The demo accounts' password, when this call created them. */
  password?: string;
  generatedPassword?: boolean;
  usernames: string[];
}

/** A random password that passes the policy (upper, lower, digit, symbol). */
export function generatePassword(): string {
  for (;;) {
    const candidate = `Kp-${randomBytes(9).toString("base64url")}7a`;
    if (passwordProblems(candidate, "").length === 0) return candidate;
  }
}

/** The demo accounts: four city-wide roles and a clerk and a head for every department. */
export function demoAccounts(departments: { code: string; name: string }[]) {
  const accounts: {
    username: string;
    role: Role;
    department: string | null;
    displayName: string;
  }[] = [
    { username: "admin", role: "admin", department: null, displayName: "系统管理员（示例）" },
    { username: "office", role: "office", department: null, displayName: "考评办（示例）" },
    { username: "leader", role: "leader", department: null, displayName: "领导小组（示例）" },
    { username: "auditor", role: "auditor", department: null, displayName: "审计（示例）" },
  ];
  for (const department of departments) {
    const prefix = department.code.toLowerCase();
    accounts.push({
      username: `${prefix}-clerk`,
      role: "dept_clerk",
      department: department.code,
      displayName: `${department.name}联络员（示例）`,
    });
    accounts.push({
      username: `${prefix}-head`,
      role: "dept_head",
      department: department.code,
      displayName: `${department.name}责任领导（示例）`,
    });
  }
  return accounts;
}

/**
 * On an empty database: imports the illustrative demo framework, opens 2025 with the
 * demo figures (7 regions), and creates the demo accounts. Does nothing otherwise.
 */
export async function seedDemoIfEmpty(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords" | "pinned">,
  files: { framework: string; data: string },
  password?: string,
): Promise<DemoSeedResult> {
  if ((await deps.repos.users.count()) > 0 || (await deps.repos.cycles.list()).length > 0) {
    return { seeded: false, usernames: [] };
  }
  const frameworkText = readFileSync(files.framework, "utf8");
  const imported = await importFramework(deps, SEED_ACTOR, {
    text: frameworkText,
    file: files.framework,
  });
  const data = parseDocumentText(readFileSync(files.data, "utf8"), files.data) as DataDoc;
  await createCycle(deps, SEED_ACTOR, {
    year: (data as { year: number }).year,
    frameworkId: imported.id,
    data,
  });

  const chosen = password ?? generatePassword();
  const framework = loadFramework(
    parseDocumentText(frameworkText, files.framework),
    files.framework,
  ).framework;
  const accounts = demoAccounts(framework.doc.departments);
  for (const account of accounts) {
    await addUser(deps, SEED_ACTOR, { ...account, password: chosen });
  }
  return {
    seeded: true,
    password: chosen,
    generatedPassword: password === undefined,
    usernames: accounts.map((account) => account.username),
  };
}
