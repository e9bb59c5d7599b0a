import { writeFileSync } from "node:fs";
import { localized, type Lang } from "../../core";
import { UsageError } from "../cli-error";
import { cliActor, operator, withServer } from "./with-server";
import { parseArgs, requireOption } from "../args";
import { pick } from "../present/names";
import { isDocumentKind } from "./document-kinds";

/**
 * Commands that work on the server's database (`DATABASE_URL`, else SQLite under
 * `KAOPING_DATA_DIR`). They call the same use cases as the HTTP routes; the server
 * modules are loaded only here, so `kaoping score` stays fast.
 */
type Env = Record<string, string | undefined>;

export async function serveCommand(argv: string[], _lang: Lang, env: Env): Promise<string> {
  const port = parseArgs(argv, { values: ["port"] }).options.get("port");
  const { startServer } = await import("../../server/start-server");
  const server = await startServer({ ...env, ...(typeof port === "string" ? { PORT: port } : {}) });
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return server.banner.join("\n");
}

export async function importCommand(argv: string[], lang: Lang, env: Env): Promise<string> {
  const args = parseArgs(argv, {});
  const [kind, file, extra] = args.positional;
  if (kind !== "framework" || !file || extra !== undefined) {
    throw new UsageError(
      localized("用法：kaoping import framework 文件", "usage: kaoping import framework FILE"),
    );
  }
  const { readFileSync } = await import("node:fs");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    const { InputError } = await import("../../core");
    throw new InputError([
      {
        file,
        path: "",
        message: localized("文件不存在或无法读取", "no such file, or it cannot be read"),
      },
    ]);
  }
  return withServer(env, async ({ deps }) => {
    const { importFramework } = await import("../../server/frameworks/import-framework");
    const result = await importFramework(deps, cliActor(), { text, file });
    return result.created
      ? pick(
          lang,
          `已导入考评办法 ${result.code}，版本 ${result.version}`,
          `imported framework ${result.code} as version ${result.version}`,
        )
      : pick(
          lang,
          `考评办法 ${result.code} 的相同内容已是版本 ${result.version}，未重复导入`,
          `framework ${result.code} with this content is already version ${result.version}; nothing imported`,
        );
  });
}

const EXPORT_USAGE = localized(
  "用法：kaoping export data --year 年度 [--out 文件]\n      kaoping export xlsx|docx|pdf|package --year 年度 [--department 单位代码] --out 文件",
  "usage: kaoping export data --year YEAR [--out FILE]\n       kaoping export xlsx|docx|pdf|package --year YEAR [--department CODE] --out FILE",
);

export async function exportCommand(argv: string[], lang: Lang, env: Env): Promise<string> {
  const args = parseArgs(argv, { values: ["year", "out", "department"] });
  const kind = args.positional[0];
  if (args.positional.length !== 1) throw new UsageError(EXPORT_USAGE);
  if (isDocumentKind(kind)) {
    const year = Number(requireOption(args, "year"));
    if (!Number.isInteger(year))
      throw new UsageError(
        localized("--year 应为年份，如 2025", "--year must be a year such as 2025"),
      );
    const out = requireOption(args, "out");
    const department = args.options.get("department");
    const { exportDocument } = await import("./export-documents");
    return exportDocument(
      kind,
      { year, out, department: typeof department === "string" ? department : null },
      lang,
      env,
      (line) => process.stderr.write(`${line}\n`),
    );
  }
  if (kind !== "data" || args.options.has("department")) throw new UsageError(EXPORT_USAGE);
  const year = Number(requireOption(args, "year"));
  if (!Number.isInteger(year))
    throw new UsageError(
      localized("--year 应为年份，如 2025", "--year must be a year such as 2025"),
    );
  return withServer(env, async ({ deps }) => {
    const { exportCycle } = await import("../../server/cycles/export-cycle");
    const json = JSON.stringify(await exportCycle(deps, operator(), year), null, 2);
    const out = args.options.get("out");
    if (typeof out !== "string") return json;
    writeFileSync(out, `${json}\n`);
    return pick(lang, `已导出 ${year} 年度数据到 ${out}`, `exported year ${year} to ${out}`);
  });
}

export async function usersCommand(argv: string[], lang: Lang, env: Env): Promise<string> {
  const args = parseArgs(argv, { values: ["role", "department", "name", "password"] });
  const [action, username, extra] = args.positional;
  if (
    !action ||
    !username ||
    extra !== undefined ||
    !["add", "disable", "reset-password", "unlock", "reset-2fa"].includes(action)
  ) {
    throw new UsageError(
      localized(
        "用法：kaoping users add 用户名 --role 角色 [--department 单位代码] [--name 姓名] [--password 密码]\n      kaoping users disable 用户名\n      kaoping users reset-password 用户名 [--password 密码]\n      kaoping users unlock 用户名\n      kaoping users reset-2fa 用户名",
        "usage: kaoping users add USERNAME --role ROLE [--department CODE] [--name NAME] [--password P]\n       kaoping users disable USERNAME\n       kaoping users reset-password USERNAME [--password P]\n       kaoping users unlock USERNAME\n       kaoping users reset-2fa USERNAME",
      ),
    );
  }
  const given = args.options.get("password");
  if (action === "unlock" || action === "reset-2fa") {
    return withServer(env, (composed) => guardAccount(action, username, lang, composed.deps));
  }
  return withServer(env, async ({ deps }) => {
    const users = await import("../../server/users/manage-users");
    const { generatePassword } = await import("../../server/seed/seed-demo");
    const password = typeof given === "string" ? given : generatePassword();
    const shown =
      typeof given === "string"
        ? ""
        : pick(
            lang,
            `\n初始密码（只显示这一次）：${password}`,
            `\ninitial password (shown once): ${password}`,
          );
    if (action === "add") {
      const role = requireOption(args, "role") as Parameters<typeof users.addUser>[2]["role"];
      const department = args.options.get("department");
      const name = args.options.get("name");
      await users.addUser(deps, cliActor(), {
        username,
        password,
        role,
        department: typeof department === "string" ? department : null,
        ...(typeof name === "string" ? { displayName: name } : {}),
      });
      return (
        pick(lang, `已创建用户 ${username}（${role}）`, `created user ${username} (${role})`) +
        shown
      );
    }
    if (action === "disable") {
      await users.disableUser(deps, cliActor(), username);
      return pick(
        lang,
        `已停用用户 ${username}，其登录会话已结束`,
        `disabled user ${username} and ended their sessions`,
      );
    }
    await users.resetPassword(deps, cliActor(), username, password);
    return (
      pick(
        lang,
        `已重置用户 ${username} 的密码并解除锁定`,
        `reset the password of ${username} and unlocked the account`,
      ) + shown
    );
  });
}

/** `kaoping users unlock NAME` and `kaoping users reset-2fa NAME`: the same use cases as the API. */
async function guardAccount(
  action: "unlock" | "reset-2fa",
  username: string,
  lang: Lang,
  deps: Parameters<typeof import("../../server/users/account-locks").unlockAccount>[0],
): Promise<string> {
  if (action === "unlock") {
    const { unlockAccount } = await import("../../server/users/account-locks");
    const result = await unlockAccount(deps, operator(), username);
    return result.liftedLocks > 0
      ? pick(
          lang,
          `已解除用户 ${username} 的登录锁定（${result.liftedLocks} 处），失败次数已清零`,
          `lifted ${result.liftedLocks} sign-in lock(s) on ${username} and cleared its failure counts`,
        )
      : pick(
          lang,
          `用户 ${username} 当前没有登录锁定；失败次数已清零`,
          `${username} was not locked; its failure counts are cleared`,
        );
  }
  const { resetTwoFactor } = await import("../../server/users/reset-two-factor");
  const result = await resetTwoFactor(deps, operator(), username);
  return result.wasEnrolled
    ? pick(
        lang,
        `已重置用户 ${username} 的双因素登录并结束其会话；下次登录时重新设置`,
        `reset two-factor sign-in for ${username} and ended their sessions; they set it up again at the next sign-in`,
      )
    : pick(
        lang,
        `用户 ${username} 尚未开启双因素登录；已清除未完成的设置并结束其会话`,
        `${username} had not turned two-factor sign-in on; cleared any unfinished setup and ended their sessions`,
      );
}
