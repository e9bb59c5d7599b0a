import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { localized, type Localized } from "../../core";
import { CHECKPOINT_FILE } from "../audit/checkpoints";
import { openPostgres, openSqlite, type Db, type Dialect } from "../db/connect";
import { invalid } from "../errors";
import { SECRET_KEY_FILE } from "../secrets/server-key";
import { backupRepository } from "./backup.repository";
import { MIGRATIONS_TABLE, type KaopingSchema } from "./kaoping-schema";

/** Where a restore puts things: a PostgreSQL database or the SQLite file, and the data directory. */
export interface RestoreTarget {
  /** PostgreSQL when set (DATABASE_URL), else SQLite in the data directory. */
  databaseUrl?: string;
  dataDir: string;
  /** KAOPING_SECRET_KEY, when set: the key file is then not written. */
  envKey?: string;
}

/** The names compose.ts gives the server's files in its data directory. */
export function targetPaths(dataDir: string) {
  return {
    sqlite: join(dataDir, "kaoping.sqlite"),
    evidenceRoot: join(dataDir, "evidence"),
    checkpoints: join(dataDir, CHECKPOINT_FILE),
    key: join(dataDir, SECRET_KEY_FILE),
  };
}

export const targetDialect = (target: RestoreTarget): Dialect =>
  target.databaseUrl ? "postgres" : "sqlite";

export async function openTargetDatabase(target: RestoreTarget): Promise<Db> {
  const db = target.databaseUrl
    ? openPostgres(target.databaseUrl, 2)
    : openSqlite(targetPaths(target.dataDir).sqlite);
  try {
    await backupRepository(db.db, db.dialect).existingTables();
  } catch (error) {
    await db.close();
    throw invalid(
      `无法连接要恢复到的数据库（${(error as Error).message}）`,
      `cannot reach the database to restore into (${(error as Error).message})`,
    );
  }
  return db;
}

const sameRows = (a: unknown[][], b: unknown[][]) => {
  const text = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
  return JSON.stringify(text(a)) === JSON.stringify(text(b));
};

function filesUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  ).length;
}

/**
 * Everything in the target that a restore would overwrite or contradict. The target is
 * empty when its Kaoping tables hold only what a fresh migration writes (the audit head
 * at zero) and the data directory has no evidence, no checkpoints and no other key.
 */
export async function findTargetContents(
  target: RestoreTarget,
  schema: KaopingSchema,
  backupKey: Buffer,
): Promise<Localized[]> {
  const found: Localized[] = [];
  const paths = targetPaths(target.dataDir);
  if (existsSync(target.dataDir) && !statSync(target.dataDir).isDirectory()) {
    return [localized(`${target.dataDir} 不是目录`, `${target.dataDir} is not a directory`)];
  }
  const evidence = filesUnder(paths.evidenceRoot);
  if (evidence > 0) {
    found.push(
      localized(
        `${paths.evidenceRoot} 中已有 ${evidence} 个辅证材料文件`,
        `${paths.evidenceRoot} already holds ${evidence} evidence file(s)`,
      ),
    );
  }
  if (existsSync(paths.checkpoints) && statSync(paths.checkpoints).size > 0) {
    found.push(
      localized(
        `已有审计检查点文件 ${paths.checkpoints}`,
        `a checkpoint file ${paths.checkpoints} already exists`,
      ),
    );
  }
  if (!target.envKey && existsSync(paths.key)) {
    const held = readFileSync(paths.key, "utf8").trim().toLowerCase();
    if (held !== backupKey.toString("hex")) {
      found.push(
        localized(
          `已有另一把密钥 ${paths.key}（与备份中的不同）`,
          `a different key ${paths.key} already exists (not the backup's)`,
        ),
      );
    }
  }

  if (!target.databaseUrl && !existsSync(paths.sqlite)) return found;
  const db = await openTargetDatabase(target);
  try {
    const repo = backupRepository(db.db, db.dialect);
    const existing = await repo.existingTables();
    for (const table of schema.tables) {
      if (!existing.has(table.name)) continue;
      if (table.name === MIGRATIONS_TABLE) {
        const applied = (await repo.firstRows(table, 100_000)).map((row) =>
          String(row[table.columns.indexOf("name")]),
        );
        const unknown = applied.filter((name) => !schema.migrations.includes(name));
        if (unknown.length > 0) {
          found.push(
            localized(
              `数据库已由更新版本的 Kaoping 升级（迁移 ${unknown.join("、")}）`,
              `the database was migrated by a newer Kaoping (migrations ${unknown.join(", ")})`,
            ),
          );
        }
        continue;
      }
      const baseline = schema.baseline.get(table.name) ?? [];
      const rows = await repo.firstRows(table, baseline.length + 1);
      if (!sameRows(rows, baseline)) {
        const count = await repo.count(table.name);
        found.push(
          localized(`表 ${table.name} 有 ${count} 行`, `table ${table.name} has ${count} row(s)`),
        );
      }
    }
  } finally {
    await db.close();
  }
  return found;
}

/** The files and directories a restore created, so a failed one can take them all back. */
export class WrittenPaths {
  private readonly created: string[] = [];

  /** Creates `dir` and any missing parents (0700), remembering the ones it created. */
  async directory(dir: string): Promise<void> {
    const missing: string[] = [];
    for (let at = dir; !existsSync(at); at = dirname(at)) missing.unshift(at);
    for (const path of missing) {
      await mkdir(path, { mode: 0o700 });
      this.created.push(path);
    }
  }

  file(path: string): void {
    this.created.push(path);
  }

  /** Removes what was created, newest first. */
  async removeAll(): Promise<void> {
    for (const path of this.created.reverse()) {
      await rm(path, { recursive: true, force: true });
    }
  }
}
