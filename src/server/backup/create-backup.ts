import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { link, unlink } from "node:fs/promises";
import { Readable } from "node:stream";
import { AUDIT_KEY_PURPOSE, createChainVerifier } from "../audit/audit-chain";
import { auditRepository } from "../audit/audit.repository";
import type { AuthUser } from "../auth/auth-user";
import { requireRole } from "../auth/policy";
import type { UseCaseDeps } from "../context";
import type { Db } from "../db/connect";
import { invalid } from "../errors";
import { secretsFromKey } from "../secrets/server-key";
import {
  BACKUP_FORMAT,
  BACKUP_MANIFEST_KEY_PURPOSE,
  CHECKPOINTS_MEMBER,
  evidenceDigestOf,
  evidenceMember,
  KEY_MEMBER,
  MANIFEST_HMAC_MEMBER,
  MANIFEST_MEMBER,
  manifestHmac,
  tableMember,
  type BackupManifest,
  type ManifestMember,
} from "./backup-format";
import { backupRepository, inSnapshot } from "./backup.repository";
import { checkpointLinesUpTo } from "./checkpoint-lines";
import { evidencePath } from "./evidence-path";
import { kaopingVersion } from "./kaoping-version";
import { learnSchema, MIGRATIONS_TABLE } from "./kaoping-schema";
import { rowLines } from "./table-rows";
import { createZipWriter, type ZipWriter } from "./zip-writer";

export interface BackupParts {
  db: Db;
  deps: Pick<UseCaseDeps, "clock" | "secrets" | "checkpoints">;
  /** Where the evidence store keeps its files (`<data dir>/evidence`). */
  evidenceRoot: string;
  /** The server's secret key itself (from KAOPING_SECRET_KEY or `<data dir>/secret.key`). */
  masterKey: Buffer;
}

export interface BackupSummary {
  file: string;
  sha256: string;
  bytes: number;
  manifest: BackupManifest;
}

/** Only an administrator may take every table, password hashes included, out of the server. */
const BACKUP_TAKERS = ["admin"] as const;

/**
 * `kaoping backup --out FILE`: every table read on one snapshot while the server keeps
 * running, the evidence files those rows refer to (each checked against its digest as
 * it is copied), the checkpoints up to the snapshot's audit head, and the secret key,
 * streamed into a zip file with a signed manifest. The file is written under a
 * temporary name and appears under its own name only when complete.
 *
 * It only reads the database. (Recording the backup in the audit chain was left out on
 * purpose: on SQLite a second process writing makes the running server's own write
 * transactions fail as "busy" when their snapshot goes stale.)
 */
export async function createBackup(
  parts: BackupParts,
  actor: AuthUser,
  out: string,
): Promise<BackupSummary> {
  requireRole(actor, BACKUP_TAKERS);
  const { db, deps, masterKey } = parts;
  const secrets = secretsFromKey(masterKey);
  if (!secrets.derive(AUDIT_KEY_PURPOSE).equals(deps.secrets.derive(AUDIT_KEY_PURPOSE))) {
    throw new Error("the secret key given to the backup is not the one the server uses");
  }
  if (existsSync(out)) {
    throw invalid(
      `${out} 已存在：请另选文件名，不会覆盖已有的备份`,
      `${out} already exists: choose another name (an existing backup is never overwritten)`,
    );
  }
  const schema = await learnSchema();
  const partial = `${out}.${randomBytes(6).toString("hex")}.partial`;
  let writer: ZipWriter;
  try {
    writer = createZipWriter(partial);
  } catch (error) {
    throw invalid(
      `无法写入 ${out}：${(error as Error).message}`,
      `cannot write ${out}: ${(error as Error).message}`,
    );
  }
  try {
    const members: ManifestMember[] = [];
    const snapshot = await inSnapshot(db, async (trx) => {
      const repo = backupRepository(trx, db.dialect);
      const audit = auditRepository(trx, db.dialect, deps.secrets.derive(AUDIT_KEY_PURPOSE));
      // The first read fixes the snapshot: everything below agrees with this head.
      const head = await audit.head();
      const existing = await repo.existingTables();
      const missing = schema.tables.filter((table) => !existing.has(table.name));
      if (missing.length > 0) {
        throw new Error(`the database lacks tables: ${missing.map((t) => t.name).join(", ")}`);
      }

      const tables: BackupManifest["tables"] = [];
      const migrations: string[] = [];
      for (const table of schema.tables) {
        let rows = 0;
        const source = repo.rows(table);
        const counted =
          table.name === MIGRATIONS_TABLE
            ? (async function* () {
                for await (const row of source) {
                  migrations.push(String(row[table.columns.indexOf("name")]));
                  yield row;
                }
              })()
            : source;
        const member = await writer.add(
          tableMember(table.name),
          rowLines(table.name, table.columns, counted, () => rows++),
        );
        members.push(member);
        tables.push({ name: table.name, columns: table.columns, rows, member: member.name });
      }

      const evidence = { files: 0, bytes: 0 };
      for (const digest of await repo.evidenceDigests()) {
        if (!evidenceDigestOf(evidenceMember(digest))) {
          throw invalid(
            `辅证材料记录中的摘要 ${JSON.stringify(digest)} 不是 SHA-256，备份未完成`,
            `an evidence row's digest ${JSON.stringify(digest)} is not a SHA-256; no backup was written`,
          );
        }
        const file = evidencePath(parts.evidenceRoot, digest);
        let member: ManifestMember;
        try {
          member = await writer.add(evidenceMember(digest), createReadStream(file), {
            compress: false,
          });
        } catch (error) {
          throw invalid(
            `辅证材料文件 ${file} 无法读取（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}），备份未完成`,
            `evidence file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); no backup was written`,
          );
        }
        if (member.sha256 !== digest) {
          throw invalid(
            `辅证材料文件 ${file} 的内容与其 SHA-256 不符（文件已损坏或被改动），备份未完成`,
            `evidence file ${file} does not match its SHA-256 (the file is damaged or was changed); no backup was written`,
          );
        }
        members.push(member);
        evidence.files++;
        evidence.bytes += member.size;
      }

      // Checkpoints written after the snapshot would make the restored chain look cut short.
      const checkpointText = checkpointLinesUpTo(
        readCheckpointFile(deps.checkpoints.file),
        head.seq,
      );
      members.push(await writer.add(CHECKPOINTS_MEMBER, Readable.from([checkpointText])));
      const checkpoints = deps.checkpoints
        .read()
        .filter((checkpoint) => checkpoint.seq <= head.seq);
      const verifier = createChainVerifier(deps.secrets.derive(AUDIT_KEY_PURPOSE), checkpoints);
      for await (const row of audit.rows()) verifier.add(row);
      const verdict = verifier.finish(head);
      return {
        tables,
        migrations,
        evidence,
        audit: {
          headSeq: head.seq,
          headHash: head.hash,
          rows: verdict.rows,
          checkpoints: checkpoints.length,
          intact: verdict.intact,
        },
      };
    });

    members.push(
      await writer.add(KEY_MEMBER, Readable.from([`${masterKey.toString("hex")}\n`]), {
        compress: false,
      }),
    );
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      kaopingVersion: kaopingVersion(),
      dialect: db.dialect,
      createdAt: deps.clock.now().toISOString(),
      migrations: snapshot.migrations,
      audit: snapshot.audit,
      tables: snapshot.tables,
      evidence: snapshot.evidence,
      members,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writer.add(MANIFEST_MEMBER, Readable.from([manifestBytes]));
    const hmac = manifestHmac(secrets.derive(BACKUP_MANIFEST_KEY_PURPOSE), manifestBytes);
    await writer.add(MANIFEST_HMAC_MEMBER, Readable.from([`${hmac}\n`]));
    const archive = await writer.finish();

    try {
      // A hard link appears atomically and never replaces a file that came meanwhile.
      await link(partial, out);
    } catch (error) {
      throw invalid(
        `无法写入 ${out}：${(error as Error).message}`,
        `cannot write ${out}: ${(error as Error).message}`,
      );
    }
    await unlink(partial);
    return { file: out, sha256: archive.sha256, bytes: archive.bytes, manifest };
  } catch (error) {
    await writer.abort();
    await unlink(partial).catch(() => undefined);
    throw error;
  }
}

function readCheckpointFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}
