import { join, resolve } from "node:path";
import { localized, type Lang } from "../../core";
import type { BackupSummary } from "../../server/backup/create-backup";
import type { RestoreSummary } from "../../server/backup/restore-backup";
import { parseArgs, requireOption } from "../args";
import { UsageError } from "../cli-error";
import { pick } from "../present/names";
import { operator, withServer, type Env } from "./with-server";

const BACKUP_USAGE = localized(
  "用法：kaoping backup --out 文件",
  "usage: kaoping backup --out FILE",
);
const RESTORE_USAGE = localized("用法：kaoping restore 备份文件", "usage: kaoping restore FILE");

/**
 * `kaoping backup --out FILE`: a consistent snapshot of the server's database, evidence
 * files, checkpoints and key, taken while the server may keep running.
 */
export async function backupCommand(argv: string[], lang: Lang, env: Env): Promise<string> {
  const args = parseArgs(argv, { values: ["out"] });
  if (args.positional.length > 0) throw new UsageError(BACKUP_USAGE);
  const out = resolve(requireOption(args, "out"));
  return withServer(env, async ({ db, deps, dataDir }) => {
    const { createBackup } = await import("../../server/backup/create-backup");
    const { readMasterKey } = await import("../../server/backup/master-key");
    const summary = await createBackup(
      {
        db,
        deps,
        evidenceRoot: join(dataDir, "evidence"),
        masterKey: readMasterKey(deps.secrets, env.KAOPING_SECRET_KEY || undefined),
      },
      operator(),
      out,
    );
    return presentBackup(summary, lang);
  });
}

/** `kaoping restore FILE`: into an empty data directory or an empty PostgreSQL database. */
export async function restoreCommand(argv: string[], lang: Lang, env: Env): Promise<string> {
  const args = parseArgs(argv, {});
  const [file, extra] = args.positional;
  if (!file || extra !== undefined) throw new UsageError(RESTORE_USAGE);
  const { restoreBackup } = await import("../../server/backup/restore-backup");
  const summary = await restoreBackup(resolve(file), {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.KAOPING_DATA_DIR || "./data",
    ...(env.KAOPING_SECRET_KEY ? { envKey: env.KAOPING_SECRET_KEY } : {}),
  });
  return presentRestore(summary, lang, env.KAOPING_DATA_DIR || "./data");
}

const dialectName = (dialect: string) => (dialect === "postgres" ? "PostgreSQL" : "SQLite");

function tableLines(tables: { name: string; rows: number }[]): string[] {
  const width = Math.max(...tables.map((table) => table.name.length));
  return tables.map((table) => `    ${table.name.padEnd(width)}  ${table.rows}`);
}

function auditLine(lang: Lang, audit: { headSeq: number; intact: boolean; checkpoints: number }) {
  return pick(
    lang,
    `  审计链：链尾第 ${audit.headSeq} 条，${audit.intact ? "校验完整" : "校验不通过（请运行 kaoping audit verify 查看）"}，${audit.checkpoints} 个检查点`,
    `  audit chain: head at seq ${audit.headSeq}, ${audit.intact ? "intact" : "does NOT verify (run kaoping audit verify)"}, ${audit.checkpoints} checkpoint(s)`,
  );
}

export function presentBackup(summary: BackupSummary, lang: Lang): string {
  const { manifest } = summary;
  return [
    pick(lang, `备份已写入 ${summary.file}`, `backup written to ${summary.file}`),
    pick(
      lang,
      `  数据库：${dialectName(manifest.dialect)}，Kaoping ${manifest.kaopingVersion}，迁移 ${manifest.migrations.join("、")}`,
      `  database: ${dialectName(manifest.dialect)}, Kaoping ${manifest.kaopingVersion}, migrations ${manifest.migrations.join(", ")}`,
    ),
    pick(lang, "  各表行数：", "  rows per table:"),
    ...tableLines(manifest.tables),
    pick(
      lang,
      `  辅证材料：${manifest.evidence.files} 个文件，${manifest.evidence.bytes} 字节`,
      `  evidence: ${manifest.evidence.files} file(s), ${manifest.evidence.bytes} bytes`,
    ),
    auditLine(lang, manifest.audit),
    pick(
      lang,
      `  备份文件：${summary.bytes} 字节，SHA-256 ${summary.sha256}`,
      `  archive: ${summary.bytes} bytes, SHA-256 ${summary.sha256}`,
    ),
    pick(
      lang,
      "此文件含服务器密钥，请像保管密码一样保管；请记下上面的 SHA-256，恢复时核对。",
      "This file holds the server's secret key: keep it like a password. Note the SHA-256 above and compare it when restoring.",
    ),
  ].join("\n");
}

export function presentRestore(summary: RestoreSummary, lang: Lang, dataDir: string): string {
  const { manifest } = summary;
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  const key =
    summary.keyFile === undefined
      ? pick(
          lang,
          "  密钥：沿用 KAOPING_SECRET_KEY 或数据目录中相同的密钥",
          "  key: the same key, from KAOPING_SECRET_KEY or already in the data directory",
        )
      : pick(lang, `  密钥：已写入 ${summary.keyFile}`, `  key: written to ${summary.keyFile}`);
  return [
    pick(
      lang,
      `已从备份恢复到 ${dialectName(summary.dialect)}（数据目录 ${dataDir}）`,
      `restored into ${dialectName(summary.dialect)} (data directory ${dataDir})`,
    ),
    pick(
      lang,
      `  备份：${manifest.createdAt} 由 Kaoping ${manifest.kaopingVersion} 在 ${dialectName(manifest.dialect)} 上制作，SHA-256 ${summary.sha256}`,
      `  backup: taken ${manifest.createdAt} by Kaoping ${manifest.kaopingVersion} on ${dialectName(manifest.dialect)}, SHA-256 ${summary.sha256}`,
    ),
    pick(
      lang,
      `  ${manifest.tables.length} 张表共 ${rows} 行，辅证材料 ${manifest.evidence.files} 个文件`,
      `  ${rows} row(s) in ${manifest.tables.length} tables, ${manifest.evidence.files} evidence file(s)`,
    ),
    auditLine(lang, summary.audit),
    key,
  ].join("\n");
}
