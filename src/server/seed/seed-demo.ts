import { beijingDate, isPast } from "../../core/workflow/deadline";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadFramework, parseDocumentText, type DataDoc } from "../../core";
import { passwordProblems } from "../auth/password-policy";
import type { PasswordHasher } from "../auth/passwords";
import type { UseCaseDeps } from "../context";
import { createCycle } from "../cycles/create-cycle";
import { importFramework } from "../frameworks/import-framework";
import { addUser } from "../users/manage-users";
import type { Role } from "../db/schema";
import type { Repositories } from "../repositories";

export const SEED_ACTOR = "system:seed";

export interface DemoSeedResult {
  seeded: boolean;
  /** The demo accounts' password, when this call created them. */
  password?: string;
  generatedPassword?: boolean;
  usernames: string[];
  /** The years seeded, oldest first (the earlier ones closed), when this call seeded. */
  years?: number[];
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

/** Nothing is seeded into a database that has accounts or years already. */
async function isEmpty(repos: Repositories): Promise<boolean> {
  return (await repos.users.count()) === 0 && (await repos.cycles.list()).length === 0;
}

/**
 * A hasher that hands out hashes of `password` made beforehand, so the seeding
 * transaction does not wait on argon2 (about 50 ms an account at production cost, the
 * audit chain's head held all the while). Any other password is hashed as usual.
 */
async function prehashed(
  hasher: PasswordHasher,
  password: string,
  count: number,
): Promise<PasswordHasher> {
  // Each account gets its own salt; argon2 runs off the main thread, so these overlap.
  const ready = await Promise.all(Array.from({ length: count }, () => hasher.hash(password)));
  return {
    hash: async (candidate) =>
      candidate === password && ready.length > 0 ? ready.pop()! : hasher.hash(candidate),
    verify: hasher.verify,
  };
}

/**
 * On an empty database: imports the illustrative demo framework, adds the earlier demo
 * years (2024) as closed years to compare with, opens 2025 with the demo figures (7
 * regions), and creates the demo accounts. Does nothing otherwise.
 *
 * All or nothing, in one transaction: emptiness is what decides whether to seed, so a
 * start killed halfway must not leave a database that is no longer empty yet has a year
 * without some or all of its accounts — it would never be seeded again.
 */
/**
 * The open demo year's deadlines: the plan's (10 and 25 March of the following year)
 * while they are still ahead; a demo seeded after them would open locked for every
 * department, so its deadlines are then set three and five weeks after the seed
 * (illustrative, like the rest of the demo).
 */
export function demoDeadlines(year: number, now: Date) {
  const plan = { departmentsDue: `${year + 1}-03-10`, provinceDue: `${year + 1}-03-25` };
  if (!isPast(plan.departmentsDue, now)) return plan;
  const later = (days: number) => beijingDate(new Date(now.getTime() + days * 86_400_000));
  return { departmentsDue: later(21), provinceDue: later(35) };
}

export async function seedDemoIfEmpty(
  deps: Pick<UseCaseDeps, "repos" | "clock" | "passwords" | "pinned">,
  files: { framework: string; data: string; earlierData?: string[] },
  password?: string,
): Promise<DemoSeedResult> {
  if (!(await isEmpty(deps.repos))) return { seeded: false, usernames: [] };
  // Everything that can be read, checked or computed is done before the transaction.
  const frameworkText = readFileSync(files.framework, "utf8");
  const readData = (file: string) => parseDocumentText(readFileSync(file, "utf8"), file) as DataDoc;
  const data = readData(files.data);
  const earlier = (files.earlierData ?? []).map(readData).sort((a, b) => a.year - b.year);
  const framework = loadFramework(
    parseDocumentText(frameworkText, files.framework),
    files.framework,
  ).framework;
  const accounts = demoAccounts(framework.doc.departments);
  const chosen = password ?? generatePassword();
  const passwords = await prehashed(deps.passwords, chosen, accounts.length);

  const seeded = await deps.repos.transaction(async (tx) => {
    // Taken first, so two servers starting on one PostgreSQL database queue here and
    // the second finds the first one's seed instead of seeding again.
    await tx.audit.lock();
    if (!(await isEmpty(tx))) return false;
    const inTx = { ...deps, repos: tx, passwords };
    const imported = await importFramework(inTx, SEED_ACTOR, {
      text: frameworkText,
      file: files.framework,
    });
    // A past year is closed: kept to compare with, its figures no longer change.
    for (const past of earlier) {
      await createCycle(inTx, SEED_ACTOR, {
        year: past.year,
        frameworkId: imported.id,
        data: past,
        status: "closed",
      });
    }
    await createCycle(inTx, SEED_ACTOR, {
      year: data.year,
      frameworkId: imported.id,
      data,
      ...demoDeadlines(data.year, deps.clock.now()),
    });
    for (const account of accounts) {
      // An address that can never be delivered (RFC 6761), to show where notices are e-mailed.
      const email = `${account.username}@example.invalid`;
      await addUser(inTx, SEED_ACTOR, {
        ...account,
        email,
        password: chosen,
        twoFactorExempt: "demo",
      });
    }
    return true;
  });
  if (!seeded) return { seeded: false, usernames: [] };
  return {
    seeded: true,
    password: chosen,
    generatedPassword: password === undefined,
    usernames: accounts.map((account) => account.username),
    years: [...earlier, data].map((doc) => doc.year),
  };
}
