import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { AUDIT_KEY_PURPOSE, createChainVerifier, type ChainVerdict } from "../audit/audit-chain";
import { auditRepository } from "../audit/audit.repository";
import { CHECKPOINT_KEY_PURPOSE, fileCheckpointLog } from "../audit/checkpoints";
import type { Db } from "../db/connect";
import type { Executor } from "../db/executor";
import { migrate } from "../db/migrate";
import { DomainError, invalid } from "../errors";
import { secretsFromKey } from "../secrets/server-key";
import { CHECKPOINTS_MEMBER, evidenceDigestOf, type BackupManifest } from "./backup-format";
import { backupRepository, rowsPerInsert } from "./backup.repository";
import { evidencePath } from "./evidence-path";
import { learnSchema, type KaopingSchema } from "./kaoping-schema";
import {
  findTargetContents,
  openTargetDatabase,
  targetDialect,
  targetPaths,
  WrittenPaths,
  type RestoreTarget,
} from "./restore-target";
import { decodeRows } from "./table-rows";
import { memberMismatch, openVerifiedBackup, type VerifiedBackup } from "./verify-backup";
import { DigestTap } from "./zip-writer";

export interface RestoreSummary {
  manifest: BackupManifest;
  /** SHA-256 of the archive restored. */
  sha256: string;
  dialect: "sqlite" | "postgres";
  /** Where the key was written; undefined when KAOPING_SECRET_KEY holds it or it was there. */
  keyFile: string | undefined;
  audit: Pick<ChainVerdict, "intact" | "rows" | "headSeq" | "checkpoints">;
}

/**
 * `kaoping restore FILE`: into an empty data directory (SQLite) or an empty PostgreSQL
 * database. The whole backup is checked before anything is written; then the schema is
 * migrated and every table filled in one transaction that also checks the restored
 * audit chain, while the evidence files, checkpoints and key are written beside it.
 * All or nothing: on any failure the transaction rolls back and whatever was created
 * (tables, files, directories) is removed again.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<RestoreSummary> {
  const backup = await openVerifiedBackup(file, target.envKey);
  try {
    const schema = await learnSchema();
    checkCompatible(backup.manifest, schema);
    const found = await findTargetContents(target, schema, backup.masterKey);
    if (found.length > 0) {
      throw invalid(
        `恢复的目标不是空的：${found.map((item) => item.zh).join("；")}。请恢复到空的数据目录或空的数据库`,
        `the place to restore into is not empty: ${found.map((item) => item.en).join("; ")}. Restore into an empty data directory or an empty database`,
      );
    }
    return await writeEverything(backup, schema, target);
  } finally {
    backup.zip.close();
  }
}

function checkCompatible(manifest: BackupManifest, schema: KaopingSchema): void {
  if (JSON.stringify(manifest.migrations) !== JSON.stringify(schema.migrations)) {
    throw invalid(
      `备份的数据库结构（迁移 ${manifest.migrations.join("、") || "无"}，Kaoping ${manifest.kaopingVersion}）与本版 Kaoping（迁移 ${schema.migrations.join("、")}）不同：请用备份时的 Kaoping 版本恢复，再升级`,
      `the backup's schema (migrations ${manifest.migrations.join(", ") || "none"}, Kaoping ${manifest.kaopingVersion}) differs from this Kaoping's (migrations ${schema.migrations.join(", ")}): restore with the Kaoping version that took the backup, then upgrade`,
    );
  }
  const inBackup = new Map(manifest.tables.map((table) => [table.name, table]));
  for (const table of schema.tables) {
    const backedUp = inBackup.get(table.name);
    if (!backedUp || JSON.stringify(backedUp.columns) !== JSON.stringify(table.columns)) {
      throw invalid(
        `备份中表 ${table.name} 缺失或其列与本版不同`,
        `the backup lacks table ${table.name}, or its columns differ from this version's`,
      );
    }
  }
  if (manifest.tables.length !== schema.tables.length) {
    const known = new Set(schema.tables.map((table) => table.name));
    const unknown = manifest.tables.filter((table) => !known.has(table.name)).map((t) => t.name);
    throw invalid(
      `备份中有本版 Kaoping 没有的表：${unknown.join("、")}`,
      `the backup holds tables this Kaoping does not have: ${unknown.join(", ")}`,
    );
  }
}

async function writeEverything(
  backup: VerifiedBackup,
  schema: KaopingSchema,
  target: RestoreTarget,
): Promise<RestoreSummary> {
  const { manifest } = backup;
  const paths = targetPaths(target.dataDir);
  const written = new WrittenPaths();
  const dialect = targetDialect(target);
  let db: Db | undefined;
  let tablesBefore = new Set<string>();
  let keyFile: string | undefined;
  try {
    await written.directory(target.dataDir);
    if (dialect === "sqlite" && !existsSync(paths.sqlite)) {
      for (const suffix of ["", "-wal", "-shm", "-journal"])
        written.file(`${paths.sqlite}${suffix}`);
    }
    db = await openTargetDatabase(target);
    tablesBefore = await backupRepository(db.db, db.dialect).existingTables();
    await migrate(db.db as never, db.dialect);
    const audit = await db.db.transaction().execute(async (trx) => {
      await fillTables(trx, dialect, backup, schema);
      for (const member of manifest.members) {
        const digest = evidenceDigestOf(member.name);
        if (digest === undefined) continue;
        const path = evidencePath(paths.evidenceRoot, digest);
        await written.directory(dirname(path));
        await copyMember(backup, member.name, path, written);
      }
      await copyMember(backup, CHECKPOINTS_MEMBER, paths.checkpoints, written);
      // Last of all, while it can still be undone: the chain as restored must hold.
      const verdict = await verifyRestoredChain(trx, dialect, backup, paths.checkpoints);
      if (!target.envKey && !existsSync(paths.key)) {
        await writeFile(paths.key, `${backup.masterKey.toString("hex")}\n`, {
          flag: "wx",
          mode: 0o600,
        });
        written.file(paths.key);
        keyFile = paths.key;
      }
      return verdict;
    });
    return { manifest, sha256: backup.sha256, dialect, keyFile, audit };
  } catch (error) {
    if (db) {
      // The transaction has rolled back; tables the migration created go too.
      const repo = backupRepository(db.db, db.dialect);
      const now = await repo.existingTables().catch(() => new Set<string>());
      const created = [...schema.tables]
        .reverse()
        .map((table) => table.name)
        .filter((name) => now.has(name) && !tablesBefore.has(name));
      if (dialect === "postgres") await repo.dropTables(created).catch(() => undefined);
      await db.close();
      db = undefined;
    }
    await written.removeAll();
    throw error;
  } finally {
    await db?.close();
  }
}

/** Every table's rows, parents first, in batches; each member's digest checked again as read. */
async function fillTables(
  trx: Executor,
  dialect: "sqlite" | "postgres",
  backup: VerifiedBackup,
  schema: KaopingSchema,
): Promise<void> {
  const repo = backupRepository(trx, dialect);
  // Only the rows a fresh migration writes may be there (the target was found empty);
  // counted again inside the transaction, so rows written since are never deleted.
  for (const table of [...schema.tables].reverse()) {
    const held = await repo.count(table.name);
    if (held > (schema.baseline.get(table.name)?.length ?? 0)) {
      throw invalid(
        `恢复开始后表 ${table.name} 中有了数据（${held} 行）：请停止正在写入的服务后再恢复`,
        `table ${table.name} gained rows (${held}) after the restore began: stop whatever writes to it, then restore`,
      );
    }
    await repo.deleteAll(table.name);
  }
  const listed = new Map(backup.manifest.tables.map((table) => [table.name, table]));
  const digests = new Map(backup.manifest.members.map((member) => [member.name, member]));
  for (const table of schema.tables) {
    const { member: name } = listed.get(table.name)!;
    const tap = new DigestTap();
    const stream = (await backup.zip.open(name)).pipe(tap);
    const batchSize = rowsPerInsert(table.columns.length);
    let batch: unknown[][] = [];
    let line = 0;
    const flush = async () => {
      try {
        await repo.insert(table, batch);
      } catch (error) {
        throw invalid(
          `恢复表 ${table.name}（${name} 第 ${line - batch.length + 1}–${line} 行）时数据库拒绝：${(error as Error).message}`,
          `restoring table ${table.name} (${name}, lines ${line - batch.length + 1}–${line}), the database refused: ${(error as Error).message}`,
        );
      }
      batch = [];
    };
    for await (const row of decodeRows(name, table.columns, stream)) {
      batch.push(row);
      line++;
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (tap.digest() !== digests.get(name)!.sha256) throw memberMismatch(name);
    if (line !== listed.get(table.name)!.rows) {
      throw invalid(
        `备份成员 ${name} 有 ${line} 行，清单记载 ${listed.get(table.name)!.rows} 行`,
        `backup member ${name} holds ${line} row(s); the manifest says ${listed.get(table.name)!.rows}`,
      );
    }
  }
  await repo.resetSequences(schema.tables.map((table) => table.name));
}

/** Writes one member to `path` (via a temporary name), checking its digest on the way. */
async function copyMember(
  backup: VerifiedBackup,
  name: string,
  path: string,
  written: WrittenPaths,
): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  written.file(temporary);
  const tap = new DigestTap();
  try {
    await pipeline(
      await backup.zip.open(name),
      tap,
      createWriteStream(temporary, { flags: "wx", mode: 0o600, flush: true }),
    );
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid(
      `无法写入 ${path}（${(error as Error).message}）`,
      `cannot write ${path} (${(error as Error).message})`,
    );
  }
  const expected = backup.manifest.members.find((member) => member.name === name)!;
  if (tap.digest() !== expected.sha256) throw memberMismatch(name);
  written.file(path);
  await rename(temporary, path);
}

/**
 * The restored chain, read in the restore's transaction, against the restored key and
 * checkpoints. It must end at the backup's head; and if it verified when the backup was
 * taken, it must verify now (a backup of a chain already broken restores as it was).
 */
async function verifyRestoredChain(
  trx: Executor,
  dialect: "sqlite" | "postgres",
  backup: VerifiedBackup,
  checkpointFile: string,
): Promise<RestoreSummary["audit"]> {
  const secrets = secretsFromKey(backup.masterKey);
  const checkpoints = fileCheckpointLog(
    checkpointFile,
    secrets.derive(CHECKPOINT_KEY_PURPOSE),
  ).read();
  const audit = auditRepository(trx, dialect, secrets.derive(AUDIT_KEY_PURPOSE));
  const verifier = createChainVerifier(secrets.derive(AUDIT_KEY_PURPOSE), checkpoints);
  for await (const row of audit.rows()) verifier.add(row);
  const head = await audit.head();
  const verdict = verifier.finish(head);
  const expected = backup.manifest.audit;
  if (head.seq !== expected.headSeq || head.hash !== expected.headHash) {
    throw invalid(
      `恢复后的审计链尾（第 ${head.seq} 条）与备份记载的（第 ${expected.headSeq} 条）不同`,
      `the restored audit head (seq ${head.seq}) differs from the backup's (seq ${expected.headSeq})`,
    );
  }
  if (expected.intact && !verdict.intact) {
    const first = verdict.failures[0]!;
    throw invalid(
      `恢复后的审计链在第 ${first.seq} 条处不能校验（${first.reason.zh}），已撤销恢复`,
      `the restored audit chain fails at seq ${first.seq} (${first.reason.en}); the restore was undone`,
    );
  }
  return {
    intact: verdict.intact,
    rows: verdict.rows,
    headSeq: verdict.headSeq,
    checkpoints: verdict.checkpoints,
  };
}
