import { demoFiles } from "../platform/package-files";
import { startCheckpointTimer, writeCheckpoint } from "./audit/checkpoint-audit";
import { ABANDONED_JOB_MS, settleDocumentJobs } from "./documents/document-jobs";
import { composeFromEnvironment, type Environment } from "./compose";
import { buildApp } from "./http/app";
import { seedDemoIfEmpty } from "./seed/seed-demo";
import { startNoticeScheduler } from "./notifications/notice-scheduler";

export interface StartEnvironment extends Environment {
  PORT?: string;
  HOST?: string;
  KAOPING_DEMO_PASSWORD?: string;
}

/** How often the running server copies the audit chain's head out of the database. */
const CHECKPOINT_INTERVAL_MS = 60_000;

/**
 * `npm start` / `kaoping serve`: migrate, seed the illustrative demo city into an empty
 * database, and serve on http://localhost:3000 (PORT to change). Returns the lines to
 * print once (the demo accounts' password only at the first start).
 */
export async function startServer(
  env: StartEnvironment,
): Promise<{ close(): Promise<void>; banner: string[] }> {
  // Everything the server writes (database, evidence, key, checkpoints) is its user's alone.
  process.umask(0o077);
  const { db, deps, dataDir } = await composeFromEnvironment(env);
  const seed = await seedDemoIfEmpty(deps, demoFiles(), env.KAOPING_DEMO_PASSWORD || undefined);
  await writeCheckpoint(deps);
  // A volume a stopped process was building will never finish: say so instead of spinning.
  const now = deps.clock.now();
  await deps.repos.documents.failAbandoned(
    new Date(now.getTime() - ABANDONED_JOB_MS).toISOString(),
    now.toISOString(),
  );
  const checkpointing = startCheckpointTimer(deps, CHECKPOINT_INTERVAL_MS);
  const app = await buildApp(deps, { logger: { level: "warn" } });
  const notices = startNoticeScheduler(deps, (message) => app.log.warn(message));
  const port = Number(env.PORT || 3000);
  const host = env.HOST || "127.0.0.1";
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const banner = [
    `考评 Kaoping 已启动：http://${host === "0.0.0.0" ? "localhost" : host}:${actualPort}  （API 文档：/api/docs）`,
    `数据库：${db.dialect === "postgres" ? "PostgreSQL（DATABASE_URL）" : `SQLite ${dataDir}/kaoping.sqlite`}；辅证材料：${dataDir}/evidence`,
  ];
  if (seed.seeded) {
    banner.push(
      `已载入示例城市（惠州 ${(seed.years ?? []).join("、")} 年度，示例数据，仅供演示；此前的年度已关闭，供对比查看）。`,
      `示例账户（仅供演示）：${seed.usernames.join(", ")}`,
      seed.generatedPassword
        ? `示例账户的密码（只显示这一次，请记下）：${seed.password}`
        : "示例账户的密码：KAOPING_DEMO_PASSWORD 所设的值",
      "示例账户登录时不要求双因素登录（动态验证码），凭上面的密码即可试用各个角色；正式的系统管理员、考评办和审计账户须设置双因素登录。",
    );
  }
  if (!deps.config.requireTwoFactor) {
    banner.push("注意：KAOPING_REQUIRE_2FA=0，系统管理员、考评办和审计账户登录不要求双因素登录。");
  }
  return {
    banner,
    close: async () => {
      await app.close();
      await settleDocumentJobs();
      await notices.stop();
      await checkpointing.stop();
      await db.close();
    },
  };
}
